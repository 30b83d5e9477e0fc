import { testCheck } from '../../../test/support/check-tester.ts';
import { deployment, END, MiB, sized } from '../../../test/support/rightsize-fixtures.ts';
import { rightsizeMemoryUnderRequested } from './rightsize-memory-under-requested.ts';

const twoWeeks = (memory: number, ooms: { at: number; limit?: number }[] = []) => [
  { hours: 14 * 24, cpu: () => 0.1, memory: () => memory, ooms },
];

testCheck(rightsizeMemoryUnderRequested, {
  valid: [
    {
      name: 'peak × 1.15 fits',
      yaml: deployment('{ requests: { memory: 128Mi }, limits: { memory: 128Mi } }'),
      prepare: sized([
        {
          container: 'api',
          pods: twoWeeks(100 * MiB),
          current: { memoryRequest: 128 * MiB, memoryLimit: 128 * MiB },
        },
      ]),
    },
  ],
  invalid: [
    {
      name: 'working set above the request',
      yaml: deployment('{ requests: { memory: 64Mi } }'),
      prepare: sized([{ container: 'api', pods: twoWeeks(200 * MiB), current: { memoryRequest: 64 * MiB } }]),
      findings: [
        {
          message: 'container "api" has a memory request of 64 MiB; its usage supports 230 MiB',
          severity: 'medium',
        },
      ],
    },
    {
      name: 'OOM-killed at its limit: high',
      yaml: deployment('{ requests: { memory: 256Mi }, limits: { memory: 256Mi } }'),
      prepare: sized([
        {
          container: 'api',
          pods: twoWeeks(200 * MiB, [{ at: END - 86400, limit: 256 * MiB }]),
          current: { memoryRequest: 256 * MiB, memoryLimit: 256 * MiB },
        },
      ]),
      findings: [
        {
          message:
            'container "api" has a memory request of 256 MiB; it was OOM-killed 1 time(s); its usage supports 356 MiB',
          severity: 'high',
        },
      ],
    },
    {
      name: 'request fine, limit below the need',
      yaml: deployment('{ requests: { memory: 300Mi }, limits: { memory: 200Mi } }'),
      prepare: sized([
        {
          container: 'api',
          pods: twoWeeks(250 * MiB),
          current: { memoryRequest: 300 * MiB, memoryLimit: 200 * MiB },
        },
      ]),
      // 288 MiB (250 × 1.15) is within the hysteresis of the 300 MiB request: kept, and the limit rises to it.
      findings: [
        {
          message:
            'container "api" has a memory request of 300 MiB (limit 200 MiB); its usage supports 300 MiB',
        },
      ],
    },
  ],
});
