import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { deployment } from '../../testing/cluster-builders.ts';
import { jobFailed } from './job-failed.ts';
import { workloadReplicasUnavailable } from './workload-replicas-unavailable.ts';

describe('workload-replicas-unavailable', () => {
  it('fires with ReplicaFailure (quota) and availability counts', () => {
    const [d] = deployment('api', { namespace: 'shop', replicas: 3, available: 1 });
    (d!.status as { conditions: unknown[] }).conditions.push({
      type: 'ReplicaFailure',
      status: 'True',
      reason: 'FailedCreate',
      message:
        'pods "api-x" is forbidden: exceeded quota: compute, requested: cpu=500m, used: cpu=2, limited: cpu=2',
    });
    const findings = analyze(workloadReplicasUnavailable, [d!]);
    assert.equal(findings.length, 1);
    assert.match(
      findings[0]!.message,
      /^Deployment "api": 1\/3 replicas available; ReplicaFailure: pods "api-x" is forbidden: exceeded quota/,
    );
    assert.equal(findings[0]!.severity, 'medium');
  });
  it('is high when nothing is available', () => {
    const [d] = deployment('api', { namespace: 'shop', replicas: 2, available: 0 });
    assert.equal(analyze(workloadReplicasUnavailable, [d!])[0]?.severity, 'high');
  });
  it('does not fire on healthy, scaled-to-zero or just-created workloads', () => {
    const [healthy] = deployment('a', { replicas: 3 });
    const [zero] = deployment('b', { replicas: 0, available: 0 });
    const [fresh] = deployment('c', { replicas: 2, available: 0 });
    fresh!.metadata.creationTimestamp = '2026-11-27T23:59:30Z';
    assert.deepEqual(analyze(workloadReplicasUnavailable, [healthy!, zero!, fresh!]), []);
  });
});

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
