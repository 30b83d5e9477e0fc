import type { AnyCheck } from '../../core/check.ts';
import { pvUnhealthy } from './pv-unhealthy.ts';
import { pvcNotBound } from './pvc-not-bound.ts';

export const storageChecks: AnyCheck[] = [pvcNotBound, pvUnhealthy];
