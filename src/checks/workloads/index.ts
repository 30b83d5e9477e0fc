import type { AnyCheck } from '../../core/check.ts';
import { jobFailed } from './job-failed.ts';
import { workloadReplicasUnavailable } from './workload-replicas-unavailable.ts';

export const workloadChecks: AnyCheck[] = [workloadReplicasUnavailable, jobFailed];
