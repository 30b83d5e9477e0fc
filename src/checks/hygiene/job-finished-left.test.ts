import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { minutesBefore, T0 } from '../../testing/cluster-builders.ts';
import { jobFinishedLeft } from './job-finished-left.ts';

const job = (
  name: string,
  o: { outcome?: 'Complete' | 'Failed'; daysAgo?: number; ttl?: number; cron?: string; owner?: string } = {},
): KubeObject => {
  const at = minutesBefore(T0, (o.daysAgo ?? 3) * 1440);
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: 'batch',
      ...(o.cron || o.owner
        ? {
            ownerReferences: [
              {
                apiVersion: 'x',
                kind: o.cron ? 'CronJob' : o.owner!,
                name: o.cron ?? 'wf',
                uid: 'u',
                controller: true,
              },
            ],
          }
        : {}),
    },
    spec: {
      template: { spec: { containers: [] } },
      ...(o.ttl !== undefined ? { ttlSecondsAfterFinished: o.ttl } : {}),
    },
    status: o.outcome
      ? {
          conditions: [{ type: o.outcome, status: 'True', lastTransitionTime: at }],
          ...(o.outcome === 'Complete' ? { completionTime: at } : {}),
        }
      : { active: 1 },
  };
};
const cronJob = (name: string, successful?: number): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name, namespace: 'batch' },
  spec: {
    schedule: '0 * * * *',
    ...(successful !== undefined ? { successfulJobsHistoryLimit: successful } : {}),
  },
});

describe('job-finished-left', () => {
  it('fires on completed and failed bare Jobs without a TTL, and on CronJob Jobs beyond the history limit', () => {
    const findings = analyze(jobFinishedLeft, [
      job('migrate', { outcome: 'Complete' }),
      job('oops', { outcome: 'Failed', daysAgo: 5 }),
      cronJob('report', 1),
      job('report-2', { outcome: 'Complete', daysAgo: 1, cron: 'report' }),
      job('report-1', { outcome: 'Complete', daysAgo: 2, cron: 'report' }),
    ]);
    assert.deepEqual(findings.map((f) => f.object.name).sort(), ['migrate', 'oops', 'report-1']);
  });
  it('does not fire on running, recent, TTL-managed, CronJob-history (default limit 3), orphaned-CronJob or operator-owned Jobs', () => {
    const findings = analyze(jobFinishedLeft, [
      job('running'),
      job('just-now', { outcome: 'Complete', daysAgo: 0.1 }),
      job('ttl', { outcome: 'Complete', ttl: 3600 }),
      cronJob('hourly'),
      job('hourly-1', { outcome: 'Complete', cron: 'hourly', daysAgo: 1 }),
      job('hourly-2', { outcome: 'Complete', cron: 'hourly', daysAgo: 2 }),
      job('hourly-3', { outcome: 'Complete', cron: 'hourly', daysAgo: 3 }),
      job('hourly-f', { outcome: 'Failed', cron: 'hourly', daysAgo: 3 }),
      job('gone-cron-1', { outcome: 'Complete', cron: 'deleted' }),
      job('argo', { outcome: 'Complete', owner: 'Workflow' }),
      { ...job('weird'), status: { conditions: 'nope' } } as unknown as KubeObject,
    ]);
    assert.deepEqual(findings, []);
  });
});
