import type { AnyCheck } from '../../core/check.ts';
import { cronjobNotRunning } from './cronjob-not-running.ts';
import { jobFailed } from './job-failed.ts';
import { workloadReplicasUnavailable } from './workload-replicas-unavailable.ts';

export const workloadChecks: AnyCheck[] = [workloadReplicasUnavailable, jobFailed, cronjobNotRunning];
