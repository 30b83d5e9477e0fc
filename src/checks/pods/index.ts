import type { AnyCheck } from '../../core/check.ts';

import { podConfigMissing } from './pod-config-missing.ts';
import { podCrashLooping } from './pod-crash-looping.ts';
import { podImagePullFailing } from './pod-image-pull-failing.ts';
import { podUnschedulable } from './pod-unschedulable.ts';

export const podChecks: AnyCheck[] = [
  podCrashLooping,
  podImagePullFailing,
  podConfigMissing,
  podUnschedulable,
];
