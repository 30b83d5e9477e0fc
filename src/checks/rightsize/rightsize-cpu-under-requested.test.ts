import { testCheck } from '../../../test/support/check-tester.ts';
import { deployment, sized } from '../../../test/support/rightsize-fixtures.ts';
import { rightsizeCpuUnderRequested } from './rightsize-cpu-under-requested.ts';

const twoWeeks = (cpu: number) => [{ hours: 14 * 24, cpu: () => cpu }];

testCheck(rightsizeCpuUnderRequested, {
  valid: [
    {
      name: 'request covers the usage',
      yaml: deployment('{ requests: { cpu: 500m } }'),
      prepare: sized([{ container: 'api', pods: twoWeeks(0.3), current: { cpuRequest: 0.5 } }]),
    },
    {
      name: 'too little history: nothing recommended',
      yaml: deployment('{}'),
      prepare: sized([{ container: 'api', pods: [{ hours: 1, cpu: () => 1 }], current: {} }]),
    },
  ],
  invalid: [
    {
      name: 'uses a core on a 100m request',
      yaml: deployment('{ requests: { cpu: 100m } }'),
      prepare: sized([{ container: 'api', pods: twoWeeks(1), current: { cpuRequest: 0.1 } }]),
      findings: [{ message: 'container "api" has a CPU request of 100m; its usage supports 1100m' }],
    },
    {
      name: 'no request at all',
      yaml: deployment('{}'),
      prepare: sized([{ container: 'api', pods: twoWeeks(0.2), current: {} }]),
      findings: [
        {
          message: 'container "api" has no CPU request; its usage supports 220m',
          path: 'spec.template.spec.containers[0].resources.requests.cpu',
        },
      ],
    },
    {
      name: 'an HPA pinned at maxReplicas',
      yaml: deployment('{ requests: { cpu: 100m } }'),
      prepare: sized([
        {
          container: 'api',
          pods: [0, 1].map((p) => ({ pod: `api-${p}`, hours: 14 * 24, cpu: () => 0.5 })),
          current: { cpuRequest: 0.1 },
          hpa: { name: 'api', utilization: 0.8, minReplicas: 1, maxReplicas: 2 },
        },
      ]),
      // At least 1 core / (0.8 × 2) = 625m; 1250m (one pod) costs the same as 2 × 625m, and bigger pods win ties.
      findings: [{ message: /CPU request of 100m; its usage supports 1250m/ }],
    },
  ],
});
