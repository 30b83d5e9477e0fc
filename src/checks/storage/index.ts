import type { AnyCheck } from '../../core/check.ts';
import { pvcNotBound } from './pvc-not-bound.ts';

export const storageChecks: AnyCheck[] = [pvcNotBound];
