import type { AnyCheck } from '../../core/check.ts';
import { apiVersionRemovedInUse } from './api-version-removed-in-use.ts';
import { deprecatedApiRequested } from './deprecated-api-requested.ts';
import { helmReleaseApiRemoved } from './helm-release-api-removed.ts';
import { kubeletVersionSkew } from './kubelet-version-skew.ts';
import { workloadDrainDowntime } from './workload-drain-downtime.ts';

export const upgradeChecks: AnyCheck[] = [
  apiVersionRemovedInUse,
  helmReleaseApiRemoved,
  deprecatedApiRequested,
  kubeletVersionSkew,
  workloadDrainDowntime,
];
