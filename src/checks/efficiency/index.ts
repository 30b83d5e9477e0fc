import type { AnyCheck } from '../../core/check.ts';
import { containerCpuLimitMissing } from './container-cpu-limit-missing.ts';
import { containerCpuRequestMissing } from './container-cpu-request-missing.ts';
import { containerMemoryLimitMissing } from './container-memory-limit-missing.ts';
import { containerMemoryRequestMissing } from './container-memory-request-missing.ts';
import { containerRequestsExceedLimits } from './container-requests-exceed-limits.ts';
import { containerResourcesOutOfRange } from './container-resources-out-of-range.ts';

export const efficiencyChecks: AnyCheck[] = [
  containerCpuRequestMissing,
  containerMemoryRequestMissing,
  containerCpuLimitMissing,
  containerMemoryLimitMissing,
  containerRequestsExceedLimits,
  containerResourcesOutOfRange,
];
