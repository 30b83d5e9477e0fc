import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { jobFailed } from './job-failed.ts';

describe('job-failed', () => {
  const job = (conditions: unknown[], owner?: string): KubeObject => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: 'backup-123',
      namespace: 'ops',
      ...(owner
        ? { ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: owner, controller: true }] }
        : {}),
    },
    spec: { backoffLimit: 6 },
    status: { conditions },
  });
  it("fires on BackoffLimitExceeded and groups a CronJob's runs", () => {
    const findings = analyze(jobFailed, [
      job(
        [
          {
            type: 'Failed',
            status: 'True',
            reason: 'BackoffLimitExceeded',
            message: 'Job has reached the specified backoff limit',
          },
        ],
        'backup',
      ),
    ]);
    assert.equal(
      findings[0]?.message,
      'Job "backup-123" failed (BackoffLimitExceeded): Job has reached the specified backoff limit',
    );
    assert.equal(findings[0]?.cause?.key, 'cronjob-failing/ops/backup');
  });
  it('does not fire on complete or running Jobs', () => {
    assert.deepEqual(analyze(jobFailed, [job([{ type: 'Complete', status: 'True' }]), job([])]), []);
  });
});
