import type { AnyCheck } from '../../core/check.ts';
import { hpaUnhealthy } from './hpa-unhealthy.ts';
import { pdbNoDisruptionsAllowed } from './pdb-no-disruptions-allowed.ts';

export const autoscalingChecks: AnyCheck[] = [hpaUnhealthy, pdbNoDisruptionsAllowed];
