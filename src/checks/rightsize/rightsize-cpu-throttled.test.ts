import { testCheck } from '../../../test/support/check-tester.ts';
import { deployment, sized } from '../../../test/support/rightsize-fixtures.ts';
import { DEFAULT_POLICY } from '../../rightsize/types.ts';
import { rightsizeCpuThrottled } from './rightsize-cpu-throttled.ts';

const pinned = [
  {
    hours: 14 * 24,
    cpu: (_t: number, i: number) => (i % 5 === 0 ? 0.5 : 0.2),
    throttled: (_t: number, i: number) => (i % 5 === 0 ? 0.4 : 0),
  },
];

testCheck(rightsizeCpuThrottled, {
  valid: [
    {
      name: 'no CFS data (no limit)',
      yaml: deployment('{ requests: { cpu: 500m } }'),
      prepare: sized([
        { container: 'api', pods: [{ hours: 14 * 24, cpu: () => 0.5 }], current: { cpuRequest: 0.5 } },
      ]),
    },
    {
      name: 'a limit that never throttles',
      yaml: deployment('{ requests: { cpu: 500m }, limits: { cpu: "1" } }'),
      prepare: sized([
        {
          container: 'api',
          pods: [{ hours: 14 * 24, cpu: () => 0.5, throttled: () => 0 }],
          current: { cpuRequest: 0.5, cpuLimit: 1 },
        },
      ]),
    },
    {
      name: "policy keep: limits are the team's call",
      yaml: deployment('{ requests: { cpu: 500m }, limits: { cpu: 500m } }'),
      prepare: sized([{ container: 'api', pods: pinned, current: { cpuRequest: 0.5, cpuLimit: 0.5 } }], {
        ...DEFAULT_POLICY,
        cpuLimit: 'keep',
      }),
    },
  ],
  invalid: [
    {
      name: 'pinned at its limit 20% of the time',
      yaml: deployment('{ requests: { cpu: 500m }, limits: { cpu: 500m } }'),
      prepare: sized([{ container: 'api', pods: pinned, current: { cpuRequest: 0.5, cpuLimit: 0.5 } }]),
      findings: [
        {
          message: 'container "api" is throttled at its CPU limit of 500m in 20.0% of steps',
          path: 'spec.template.spec.containers[0].resources.limits.cpu',
        },
      ],
    },
  ],
});
