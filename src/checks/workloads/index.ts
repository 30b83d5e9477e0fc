import type { AnyCheck } from '../../core/check.ts';
import { cronjobNotRunning } from './cronjob-not-running.ts';
import { daemonsetNotScheduled } from './daemonset-not-scheduled.ts';
import { jobFailed } from './job-failed.ts';
import { jobSucceededAfterRetries } from './job-succeeded-after-retries.ts';
import { workloadReplicasUnavailable } from './workload-replicas-unavailable.ts';

export const workloadChecks: AnyCheck[] = [
  workloadReplicasUnavailable,
  daemonsetNotScheduled,
  jobFailed,
  jobSucceededAfterRetries,
  cronjobNotRunning,
];
