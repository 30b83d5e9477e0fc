import type { AnyCheck } from '../../core/check.ts';
import { cronjobNotRunning } from './cronjob-not-running.ts';
import { daemonsetNotScheduled } from './daemonset-not-scheduled.ts';
import { jobCompleteWithoutSuccess } from './job-complete-without-success.ts';
import { jobFailed } from './job-failed.ts';
import { workloadReplicasUnavailable } from './workload-replicas-unavailable.ts';

export const workloadChecks: AnyCheck[] = [
  workloadReplicasUnavailable,
  daemonsetNotScheduled,
  jobFailed,
  jobCompleteWithoutSuccess,
  cronjobNotRunning,
];
