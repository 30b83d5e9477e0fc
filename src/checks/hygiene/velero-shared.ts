// Velero (velero.io/v1) Schedules and Backups: https://velero.io/docs/main/api-types/schedule/ and
// https://velero.io/docs/main/api-types/backup/. A Backup made by a Schedule carries the label
// velero.io/schedule-name; its status.phase ends Completed, PartiallyFailed, Failed or FailedValidation.
import type { ObjectIndex } from '../../core/index.ts';
import type { KubeObject, LoadedObject } from '../../core/object.ts';
import { isRecord } from '../../k8s/disruption.ts';

export const VELERO_FAILED_PHASES = new Set(['Failed', 'PartiallyFailed', 'FailedValidation']);

export function isVelero(object: KubeObject): boolean {
  return typeof object.apiVersion === 'string' && object.apiVersion.startsWith('velero.io/');
}

export function backupPhase(backup: KubeObject): string | undefined {
  const status = isRecord(backup.status) ? backup.status : {};
  return typeof status.phase === 'string' ? status.phase : undefined;
}

/** When the backup finished (or started, or was created), as epoch ms. */
export function backupTime(backup: KubeObject): number | undefined {
  const status = isRecord(backup.status) ? backup.status : {};
  for (const value of [
    status.completionTimestamp,
    status.startTimestamp,
    backup.metadata.creationTimestamp,
  ]) {
    const t = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (!Number.isNaN(t)) return t;
  }
  return undefined;
}

/** Velero Backups by "ns/schedule-name", newest first. */
export function backupsBySchedule(index: ObjectIndex): Map<string, LoadedObject[]> {
  return index.memo('hygiene-velero-backups', (idx) => {
    const out = new Map<string, LoadedObject[]>();
    for (const backup of idx.ofKind('Backup')) {
      if (!isVelero(backup.object)) continue;
      const schedule = backup.object.metadata.labels?.['velero.io/schedule-name'];
      if (typeof schedule !== 'string') continue;
      const key = `${backup.ref.namespace ?? ''}/${schedule}`;
      const list = out.get(key) ?? [];
      list.push(backup);
      out.set(key, list);
    }
    for (const list of out.values())
      list.sort((a, b) => (backupTime(b.object) ?? 0) - (backupTime(a.object) ?? 0));
    return out;
  });
}
