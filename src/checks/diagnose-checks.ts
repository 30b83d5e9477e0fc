// The analyzers of `shipshape diagnose`, apart from the registry so diagnose loads only these.
import type { AnyCheck } from '../core/check.ts';
import { admissionChecks } from './admission/index.ts';
import { autoscalingChecks } from './autoscaling/index.ts';
import { clusterChecks } from './cluster/index.ts';
import { eventChecks } from './events/index.ts';
import { nodeChecks } from './nodes/index.ts';
import { podChecks } from './pods/index.ts';
import { serviceChecks } from './services/index.ts';
import { storageChecks } from './storage/index.ts';
import { workloadChecks } from './workloads/index.ts';

/** Analyzers of `shipshape diagnose` (a live cluster or a snapshot: objects with status and events). */
export const DIAGNOSE_CHECKS: readonly AnyCheck[] = [
  ...podChecks,
  ...workloadChecks,
  ...nodeChecks,
  ...serviceChecks,
  ...storageChecks,
  ...autoscalingChecks,
  ...admissionChecks,
  ...clusterChecks,
  ...eventChecks,
];
