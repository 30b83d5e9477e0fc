// https://velero.io/docs/main/api-types/backup/
import { defineCheck } from '../../core/check.ts';
import {
  backupPhase,
  backupsBySchedule,
  backupTime,
  isVelero,
  VELERO_FAILED_PHASES,
} from './velero-shared.ts';

export const veleroBackupFailed = defineCheck({
  id: 'velero-backup-failed',
  title: 'Velero Backup failed',
  severity: 'medium',
  category: 'hygiene',
  description:
    "A Velero Backup ended Failed, PartiallyFailed (some items or volume snapshots are missing from it) or FailedValidation. For a scheduled backup, only failures newer than the Schedule's last Completed backup are reported: an older failure has already been made good.",
  remediation:
    'Read `velero backup describe <name> --details` and `velero backup logs <name>`; fix the cause and run the backup again.',
  docs: ['https://velero.io/docs/main/api-types/backup/', 'https://velero.io/docs/main/troubleshooting/'],
  appliesTo: ['Backup'],
  *check(backup, { index }) {
    if (!isVelero(backup.object)) return;
    const phase = backupPhase(backup.object);
    if (!phase || !VELERO_FAILED_PHASES.has(phase)) return;
    const schedule = backup.object.metadata.labels?.['velero.io/schedule-name'];
    if (typeof schedule === 'string') {
      const siblings = backupsBySchedule(index).get(`${backup.ref.namespace ?? ''}/${schedule}`) ?? [];
      const at = backupTime(backup.object) ?? 0;
      if (siblings.some((b) => backupPhase(b.object) === 'Completed' && (backupTime(b.object) ?? 0) > at))
        return;
    }
    const status = backup.object.status as
      | { errors?: unknown; warnings?: unknown; failureReason?: unknown }
      | undefined;
    const details = [
      typeof status?.errors === 'number' ? `${status.errors} errors` : '',
      typeof status?.failureReason === 'string' && status.failureReason ? status.failureReason : '',
    ].filter(Boolean);
    yield {
      path: ['status', 'phase'],
      message: `Velero Backup "${backup.ref.name}" ended ${phase}${details.length ? ` (${details.join('; ')})` : ''}`,
    };
  },
});
