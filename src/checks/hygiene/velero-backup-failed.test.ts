import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { minutesBefore, T0 } from '../../testing/cluster-builders.ts';
import { veleroBackupFailed } from './velero-backup-failed.ts';

const backup = (name: string, scheduleName: string, phase: string, hoursAgo: number): KubeObject => ({
  apiVersion: 'velero.io/v1',
  kind: 'Backup',
  metadata: { name, namespace: 'velero', labels: { 'velero.io/schedule-name': scheduleName } },
  status: { phase, completionTimestamp: minutesBefore(T0, hoursAgo * 60) },
});

describe('velero-backup-failed', () => {
  it('fires on failed and partially failed backups newer than the last success', () => {
    const manual = backup('manual', 'x', 'Failed', 1);
    delete manual.metadata.labels;
    const findings = analyze(veleroBackupFailed, [
      backup('d-1', 'daily', 'Completed', 48),
      backup('d-2', 'daily', 'PartiallyFailed', 24),
      manual,
    ]);
    assert.deepEqual(findings.map((f) => f.object.name).sort(), ['d-2', 'manual']);
  });
  it("does not fire on completed backups, failures made good by a later success, or other groups' Backup kinds", () => {
    const other: KubeObject = { ...backup('x', 'y', 'Failed', 1), apiVersion: 'example.com/v1' };
    const findings = analyze(veleroBackupFailed, [
      backup('d-1', 'daily', 'Failed', 48),
      backup('d-2', 'daily', 'Completed', 24),
      backup('d-3', 'daily', 'InProgress', 1),
      other,
    ]);
    assert.deepEqual(findings, []);
  });
});
