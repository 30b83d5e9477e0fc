import type { AnyCheck } from '../../core/check.ts';
import { rightsizeCpuOverRequested } from './rightsize-cpu-over-requested.ts';
import { rightsizeCpuThrottled } from './rightsize-cpu-throttled.ts';
import { rightsizeCpuUnderRequested } from './rightsize-cpu-under-requested.ts';
import { rightsizeInsufficientHistory } from './rightsize-insufficient-history.ts';
import { rightsizeMemoryOverRequested } from './rightsize-memory-over-requested.ts';
import { rightsizeMemoryUnderRequested } from './rightsize-memory-under-requested.ts';

export const rightsizeChecks: AnyCheck[] = [
  rightsizeCpuOverRequested,
  rightsizeCpuUnderRequested,
  rightsizeCpuThrottled,
  rightsizeMemoryOverRequested,
  rightsizeMemoryUnderRequested,
  rightsizeInsufficientHistory,
];
