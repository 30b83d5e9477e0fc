import { testCheck } from '../../../test/support/check-tester.ts';
import { deployment, MiB, sized } from '../../../test/support/rightsize-fixtures.ts';
import { rightsizeMemoryOverRequested } from './rightsize-memory-over-requested.ts';

const twoWeeks = (memory: number) => [{ hours: 14 * 24, cpu: () => 0.1, memory: () => memory }];

testCheck(rightsizeMemoryOverRequested, {
  valid: [
    {
      name: 'peak close to the request',
      yaml: deployment('{ requests: { memory: 128Mi } }'),
      prepare: sized([
        { container: 'api', pods: twoWeeks(100 * MiB), current: { memoryRequest: 128 * MiB } },
      ]),
    },
    {
      name: 'a rare spike counts: memory is sized to the peak, not a percentile',
      yaml: deployment('{ requests: { memory: 1Gi } }'),
      prepare: sized([
        {
          container: 'api',
          pods: [
            {
              hours: 14 * 24,
              cpu: () => 0.1,
              memory: (_t: number, i: number) => (i === 100 ? 900 * MiB : 100 * MiB),
            },
          ],
          current: { memoryRequest: 1024 * MiB },
        },
      ]),
    },
  ],
  invalid: [
    {
      name: '100 MiB used of 1 GiB',
      yaml: deployment('{ requests: { memory: 1Gi }, limits: { memory: 1Gi } }'),
      prepare: sized([
        {
          container: 'api',
          pods: twoWeeks(100 * MiB),
          current: { memoryRequest: 1024 * MiB, memoryLimit: 1024 * MiB },
        },
      ]),
      findings: [
        {
          message: 'container "api" has a memory request of 1 GiB; its usage supports 115 MiB',
          path: 'spec.template.spec.containers[0].resources.requests.memory',
          severity: 'low',
        },
      ],
    },
  ],
});
