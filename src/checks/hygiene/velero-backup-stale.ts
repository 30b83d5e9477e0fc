// https://velero.io/docs/main/api-types/schedule/
import { defineCheck } from '../../core/check.ts';
import { kindRead } from '../../diagnose/kinds.ts';
import { cronMaxGapMs } from '../../hygiene/cron-period.ts';
import { isRecord } from '../../k8s/disruption.ts';
import { age } from '../../k8s/events.ts';
import { backupPhase, backupsBySchedule, backupTime, isVelero } from './velero-shared.ts';

interface Params {
  /** Extra time allowed beyond the schedule's period (a backup takes a while), in minutes. */
  graceMinutes: number;
}

export const veleroBackupStale = defineCheck<Params>({
  id: 'velero-backup-stale',
  title: 'Velero Schedule has no recent successful backup',
  severity: 'high',
  category: 'hygiene',
  description:
    'The newest Completed Backup of this Velero Schedule is older than the longest gap between two runs of its cron schedule (plus graceMinutes), or there is none although the Schedule is older than that: restores would lose more than the schedule promises. Paused Schedules are not judged. Only runs when Velero is installed (its Schedule and Backup kinds were read).',
  remediation:
    "Look at the Schedule's recent Backups (`velero backup get`, `velero backup describe <name> --details`) and at the Velero server logs; fix the storage location or the failing volume snapshots.",
  docs: ['https://velero.io/docs/main/api-types/schedule/', 'https://velero.io/docs/main/backup-reference/'],
  appliesTo: ['Schedule'],
  params: { graceMinutes: 60 },
  peers: {},
  *check(schedule, { index, params, settings }) {
    if (!isVelero(schedule.object) || !kindRead(settings, 'Backup')) return;
    const spec = isRecord(schedule.object.spec) ? schedule.object.spec : {};
    if (spec.paused === true) return;
    const gap = cronMaxGapMs(spec.schedule);
    if (gap === undefined) return;
    const allowed = gap + (Number(params.graceMinutes) || 0) * 60_000;
    const now = settings.now.getTime();
    const backups =
      backupsBySchedule(index).get(`${schedule.ref.namespace ?? ''}/${schedule.ref.name}`) ?? [];
    const last = backups.find((b) => backupPhase(b.object) === 'Completed');
    const lastAt = last ? backupTime(last.object) : undefined;
    if (lastAt !== undefined && now - lastAt <= allowed) return;
    if (!last) {
      const created = Date.parse(schedule.object.metadata.creationTimestamp ?? '');
      if (Number.isNaN(created) || now - created <= allowed) return;
    }
    const period = `its schedule "${String(spec.schedule)}" leaves at most ${age(new Date(now - gap), settings.now)} between runs`;
    yield {
      path: ['spec', 'schedule'],
      message: last
        ? `Velero Schedule "${schedule.ref.name}": the last Completed backup "${last.ref.name}" is ${lastAt !== undefined ? age(new Date(lastAt), settings.now) : 'of unknown age'} old, but ${period}`
        : `Velero Schedule "${schedule.ref.name}" has no Completed backup, but ${period}`,
      evidence: backups
        .slice(0, 5)
        .map((b) => `backup ${b.ref.name}: ${backupPhase(b.object) ?? 'no phase'}`),
    };
  },
});
