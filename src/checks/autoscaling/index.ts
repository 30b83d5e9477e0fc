import type { AnyCheck } from '../../core/check.ts';
import { hpaTargetNotFound } from './hpa-target-not-found.ts';
import { hpaUnhealthy } from './hpa-unhealthy.ts';
import { pdbNoDisruptionsAllowed } from './pdb-no-disruptions-allowed.ts';

export const autoscalingChecks: AnyCheck[] = [hpaTargetNotFound, hpaUnhealthy, pdbNoDisruptionsAllowed];
