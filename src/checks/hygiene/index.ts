import type { AnyCheck } from '../../core/check.ts';
import { configmapUnused } from './configmap-unused.ts';
import { ingressUnused } from './ingress-unused.ts';
import { jobFinishedLeft } from './job-finished-left.ts';
import { namespaceEmpty } from './namespace-empty.ts';
import { podBare } from './pod-bare.ts';
import { podFinishedLeft } from './pod-finished-left.ts';
import { pvReleased } from './pv-released.ts';
import { pvcUnused } from './pvc-unused.ts';
import { replicasetOrphaned } from './replicaset-orphaned.ts';
import { roleUnused } from './role-unused.ts';
import { rolebindingUnused } from './rolebinding-unused.ts';
import { secretUnused } from './secret-unused.ts';
import { serviceUnused } from './service-unused.ts';
import { serviceaccountUnused } from './serviceaccount-unused.ts';
import { veleroBackupFailed } from './velero-backup-failed.ts';
import { veleroBackupStale } from './velero-backup-stale.ts';

export const hygieneChecks: AnyCheck[] = [
  configmapUnused,
  secretUnused,
  serviceaccountUnused,
  pvcUnused,
  pvReleased,
  serviceUnused,
  ingressUnused,
  roleUnused,
  rolebindingUnused,
  namespaceEmpty,
  jobFinishedLeft,
  podFinishedLeft,
  podBare,
  replicasetOrphaned,
  veleroBackupStale,
  veleroBackupFailed,
];
