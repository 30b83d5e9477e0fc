import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { minutesBefore, T0 } from '../../testing/cluster-builders.ts';
import { veleroBackupStale } from './velero-backup-stale.ts';

const schedule = (name: string, cron: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'velero.io/v1',
  kind: 'Schedule',
  metadata: { name, namespace: 'velero', creationTimestamp: minutesBefore(T0, 90 * 1440) },
  spec: { schedule: cron, template: { ttl: '720h0m0s' }, ...extra },
});
const backup = (name: string, scheduleName: string, phase: string, hoursAgo: number): KubeObject => ({
  apiVersion: 'velero.io/v1',
  kind: 'Backup',
  metadata: { name, namespace: 'velero', labels: { 'velero.io/schedule-name': scheduleName } },
  status: { phase, completionTimestamp: minutesBefore(T0, hoursAgo * 60) },
});

describe('velero-backup-stale', () => {
  it('fires when the last Completed backup is older than the schedule period, or there is none', () => {
    const findings = analyze(veleroBackupStale, [
      schedule('daily', '0 2 * * *'),
      backup('daily-1', 'daily', 'Completed', 60),
      backup('daily-2', 'daily', 'Failed', 30),
      backup('daily-3', 'daily', 'PartiallyFailed', 5),
      schedule('never', '@every 6h'),
      backup('never-1', 'never', 'Failed', 2),
    ]);
    assert.deepEqual(findings.map((f) => f.object.name).sort(), ['daily', 'never']);
    assert.match(
      findings.find((f) => f.object.name === 'daily')!.message,
      /"daily-1" is 2d old, but its schedule "0 2 \* \* \*" leaves at most 24h between runs/,
    );
  });
  it('does not fire on fresh, paused, new, unparseable schedules, or when Backups were not read (Velero absent)', () => {
    const young = schedule('young', '0 2 * * *');
    young.metadata.creationTimestamp = minutesBefore(T0, 60);
    const objects = [
      schedule('daily', '0 2 * * *'),
      backup('daily-1', 'daily', 'Completed', 20),
      schedule('paused', '@hourly', { paused: true }),
      young,
      schedule('bad', 'every day'),
      { ...schedule('odd', '0 * * * *'), spec: 7 } as unknown as KubeObject,
    ];
    assert.deepEqual(analyze(veleroBackupStale, objects), []);
    assert.deepEqual(
      analyze(veleroBackupStale, [schedule('daily', '0 2 * * *')], { kindsRead: new Set(['Schedule']) }),
      [],
    );
  });
});
