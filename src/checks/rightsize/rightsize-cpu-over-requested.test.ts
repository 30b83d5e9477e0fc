import { testCheck } from '../../../test/support/check-tester.ts';
import { deployment, sized } from '../../../test/support/rightsize-fixtures.ts';
import { rightsizeCpuOverRequested } from './rightsize-cpu-over-requested.ts';

const twoWeeks = (cpu: number) => [{ hours: 14 * 24, cpu: () => cpu }];

testCheck(rightsizeCpuOverRequested, {
  valid: [
    { name: 'no recommendations attached', yaml: deployment('{ requests: { cpu: "2" } }') },
    {
      name: 'usage close to the request',
      yaml: deployment('{ requests: { cpu: 500m } }'),
      prepare: sized([{ container: 'api', pods: twoWeeks(0.44), current: { cpuRequest: 0.5 } }]),
    },
    {
      name: 'thin data holds the cut',
      yaml: deployment('{ requests: { cpu: "2" } }'),
      prepare: sized([
        { container: 'api', pods: [{ hours: 10, cpu: () => 0.1 }], current: { cpuRequest: 2 } },
      ]),
    },
    {
      name: 'usage above the request (the other check)',
      yaml: deployment('{ requests: { cpu: 100m } }'),
      prepare: sized([{ container: 'api', pods: twoWeeks(1), current: { cpuRequest: 0.1 } }]),
    },
    {
      name: 'another container of the same name in another workload',
      yaml: deployment('{ requests: { cpu: "2" } }'),
      prepare: sized([{ container: 'api', name: 'other', pods: twoWeeks(0.1), current: { cpuRequest: 2 } }]),
    },
  ],
  invalid: [
    {
      name: 'two weeks at 100m on a 2-core request',
      yaml: deployment('{ requests: { cpu: "2" } }'),
      prepare: sized([{ container: 'api', pods: twoWeeks(0.1), current: { cpuRequest: 2 } }]),
      findings: [
        {
          message: 'container "api" has a CPU request of 2 cores; its usage supports 110m',
          path: 'spec.template.spec.containers[0].resources.requests.cpu',
          line: 10,
        },
      ],
    },
    {
      name: 'a limit alone stands for the request',
      yaml: deployment('{ limits: { cpu: "1" } }'),
      prepare: sized([{ container: 'api', pods: twoWeeks(0.1), current: { cpuRequest: 1, cpuLimit: 1 } }]),
      findings: [{ message: /CPU request of 1 core; its usage supports 110m/ }],
    },
    {
      name: 'an init container',
      yaml: deployment(
        '{ requests: { cpu: 110m } }',
        '      initContainers:\n        - name: migrate\n          image: m:1\n          resources: { requests: { cpu: "1" } }\n',
      ),
      prepare: sized([
        {
          container: 'migrate',
          role: 'init',
          pods: [1, 2, 3].map((n) => ({ pod: `api-${n}`, hours: 0.1, cpu: () => 0.2, starts: [0] })),
          current: { cpuRequest: 1 },
        },
      ]),
      findings: [
        {
          message: 'init container "migrate" has a CPU request of 1 core; its usage supports 220m',
          path: 'spec.template.spec.initContainers[0].resources.requests.cpu',
        },
      ],
    },
  ],
});
