import type { AnyCheck } from '../../core/check.ts';
import { podConfigMissing } from './pod-config-missing.ts';
import { podCrashLooping } from './pod-crash-looping.ts';
import { podEvicted } from './pod-evicted.ts';
import { podImagePullFailing } from './pod-image-pull-failing.ts';
import { podMountFailing } from './pod-mount-failing.ts';
import { podNotReady } from './pod-not-ready.ts';
import { podOomKilled } from './pod-oom-killed.ts';
import { podProbeFailing } from './pod-probe-failing.ts';
import { podRestarting } from './pod-restarting.ts';
import { podRunError } from './pod-run-error.ts';
import { podStuckTerminating } from './pod-stuck-terminating.ts';
import { podUnhealthyPhase } from './pod-unhealthy-phase.ts';
import { podUnschedulable } from './pod-unschedulable.ts';

export const podChecks: AnyCheck[] = [
  podCrashLooping,
  podOomKilled,
  podImagePullFailing,
  podConfigMissing,
  podRunError,
  podMountFailing,
  podProbeFailing,
  podNotReady,
  podUnschedulable,
  podRestarting,
  podUnhealthyPhase,
  podStuckTerminating,
  podEvicted,
];
