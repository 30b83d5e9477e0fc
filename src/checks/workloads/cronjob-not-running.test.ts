import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { minutesBefore, T0 } from '../../testing/cluster-builders.ts';
import { cronjobNotRunning } from './cronjob-not-running.ts';

function cron(
  name: string,
  o: { suspend?: boolean; createdMinutesAgo?: number; scheduled?: number; succeeded?: number },
): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: {
      name,
      namespace: 'batch',
      creationTimestamp: minutesBefore(T0, o.createdMinutesAgo ?? 60 * 24 * 7),
    },
    spec: {
      schedule: '*/30 * * * *',
      ...(o.suspend !== undefined ? { suspend: o.suspend } : {}),
      jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } } } },
    },
    status: {
      ...(o.scheduled !== undefined ? { lastScheduleTime: minutesBefore(T0, o.scheduled) } : {}),
      ...(o.succeeded !== undefined ? { lastSuccessfulTime: minutesBefore(T0, o.succeeded) } : {}),
    },
  };
}

describe('cronjob-not-running', () => {
  it('fires (low) on a suspended CronJob', () => {
    const findings = analyze(cronjobNotRunning, [
      cron('report', { suspend: true, scheduled: 600, succeeded: 599 }),
    ]);
    assert.deepEqual(
      findings.map((f) => [f.message, f.severity]),
      [['CronJob "report" is suspended: no Jobs are created', 'low']],
    );
  });
  it('fires on a CronJob older than a day that never ran', () => {
    const findings = analyze(cronjobNotRunning, [cron('never', {})]);
    assert.deepEqual(
      findings.map((f) => f.message),
      ['CronJob "never" has never been scheduled'],
    );
  });
  it('fires when the last run did not succeed', () => {
    const findings = analyze(cronjobNotRunning, [
      cron('failing', { scheduled: 20, succeeded: 300 }),
      cron('never-ok', { scheduled: 120 }),
    ]);
    assert.deepEqual(findings.map((f) => f.message).sort(), [
      'CronJob "failing": last run 20m ago but the last success was 5h ago',
      'CronJob "never-ok": last run 2h ago and no run has ever succeeded',
    ]);
  });
  it('does not fire on healthy, new, or just-started CronJobs', () => {
    const findings = analyze(cronjobNotRunning, [
      cron('ok', { scheduled: 20, succeeded: 19 }),
      cron('new', { createdMinutesAgo: 60 }),
      cron('first-run', { createdMinutesAgo: 60, scheduled: 10 }),
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'bare', namespace: 'batch', creationTimestamp: T0 },
      },
    ]);
    assert.deepEqual(findings, []);
  });
});
