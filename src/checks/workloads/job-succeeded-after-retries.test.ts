import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { jobFailed } from './job-failed.ts';
import { jobSucceededAfterRetries } from './job-succeeded-after-retries.ts';

// Shaped like `kubectl get job -o yaml`; the analysis runs at 2026-11-28T00:00:00Z.
function job(o: { name: string; owner?: string; spec?: string; status: string }): KubeObject {
  return parse(`apiVersion: batch/v1
kind: Job
metadata:
  name: ${o.name}
  namespace: ops
  creationTimestamp: "2026-11-27T22:00:00Z"
${
  o.owner
    ? `  ownerReferences:
  - apiVersion: batch/v1
    kind: CronJob
    name: ${o.owner}
    uid: 5e1f2a3b-7c8d-4e9f-a0b1-c2d3e4f5a6b7
    controller: true
    blockOwnerDeletion: true
`
    : ''
}spec:
  backoffLimit: 6
  completionMode: NonIndexed
  completions: 1
  parallelism: 1
${o.spec ?? ''}  template:
    spec:
      restartPolicy: Never
      containers:
      - name: backup
        image: registry.example.com/backup:3.1
status:
${o.status}`) as KubeObject;
}

const completeAt = (time: string) => `  conditions:
  - type: SuccessCriteriaMet
    status: "True"
    lastProbeTime: "${time}"
    lastTransitionTime: "${time}"
  - type: Complete
    status: "True"
    lastProbeTime: "${time}"
    lastTransitionTime: "${time}"
  startTime: "2026-11-27T22:00:00Z"
  completionTime: "${time}"
`;

describe('job-succeeded-after-retries', () => {
  it('reports a recent success after failed pods as info, grouped per CronJob', () => {
    const findings = analyze(jobSucceededAfterRetries, [
      job({
        name: 'backup-29410560',
        owner: 'backup',
        status: `${completeAt('2026-11-27T22:04:00Z')}  succeeded: 1\n  failed: 2\n  ready: 0\n`,
      }),
    ]);
    assert.deepEqual(
      findings.map((f) => [f.message, f.severity, f.cause?.key]),
      [
        [
          'Job "backup-29410560" succeeded after 2 failed pods (backoffLimit 6)',
          'info',
          'cronjob-retries/ops/backup',
        ],
      ],
    );
  });

  it('flags Complete with fewer successes than completions (not what the Job controller writes) as low', () => {
    const findings = analyze(
      [jobSucceededAfterRetries, jobFailed],
      [
        job({
          name: 'certgen',
          status: `${completeAt('2021-12-17T18:41:17Z')}  succeeded: 0\n  failed: 1\n`,
        }),
      ],
    );
    assert.deepEqual(
      findings.map((f) => [f.check, f.severity]),
      [['job-succeeded-after-retries', 'low']],
    );
    assert.match(
      findings[0]!.message,
      /counts 0\/1 succeeded and 1 failed pod: a status the Job controller never writes/,
    );
  });

  it('does not fire on clean successes, old retries, failed or running Jobs; a successPolicy is no contradiction', () => {
    const clean = job({ name: 'a', status: `${completeAt('2026-11-27T22:04:00Z')}  succeeded: 1\n` });
    const oldRetry = job({
      name: 'b',
      status: `${completeAt('2026-11-20T10:00:00Z')}  succeeded: 1\n  failed: 1\n`,
    });
    const failed = job({
      name: 'c',
      status: `  conditions:
  - type: FailureTarget
    status: "True"
    reason: BackoffLimitExceeded
  - type: Failed
    status: "True"
    reason: BackoffLimitExceeded
    message: Job has reached the specified backoff limit
  failed: 7
`,
    });
    const running = job({ name: 'd', status: '  active: 1\n  failed: 1\n  ready: 1\n' });
    // Indexed Job whose successPolicy was met by index 0: Complete with 1 of 5 indexes succeeded is legitimate.
    const policy = job({
      name: 'e',
      spec: '  successPolicy:\n    rules:\n    - succeededIndexes: "0"\n',
      status: `${completeAt('2026-11-27T22:04:00Z')}  succeeded: 1\n  failed: 1\n  succeededIndexes: "0"\n`,
    });
    (policy.spec as { completions: number }).completions = 5;
    const findings = analyze(jobSucceededAfterRetries, [clean, oldRetry, failed, running, policy]);
    // The successPolicy Job retried within the day: info, but not the contradiction.
    assert.deepEqual(
      findings.map((f) => [f.object.name, f.severity]),
      [['e', 'info']],
    );
  });
});
