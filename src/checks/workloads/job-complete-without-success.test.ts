import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { jobCompleteWithoutSuccess } from './job-complete-without-success.ts';
import { jobFailed } from './job-failed.ts';

// Shaped like `kubectl get job -o yaml`.
function job(o: { name: string; spec?: string; status: string }): KubeObject {
  return parse(`apiVersion: batch/v1
kind: Job
metadata:
  name: ${o.name}
  namespace: ops
  creationTimestamp: "2026-11-27T22:00:00Z"
spec:
  backoffLimit: 1
  completionMode: NonIndexed
  completions: 1
  parallelism: 1
${o.spec ?? ''}  template:
    spec:
      restartPolicy: Never
      containers:
      - name: certgen
        image: registry.example.com/certgen:1.19
status:
${o.status}`) as KubeObject;
}

const complete = `  conditions:
  - type: Complete
    status: "True"
    lastProbeTime: "2026-11-27T22:04:00Z"
    lastTransitionTime: "2026-11-27T22:04:00Z"
  startTime: "2026-11-27T22:00:00Z"
  completionTime: "2026-11-27T22:04:00Z"
`;

describe('job-complete-without-success', () => {
  it('fires on Complete with fewer successes than completions, and job-failed stays silent', () => {
    const findings = analyze(
      [jobCompleteWithoutSuccess, jobFailed],
      [job({ name: 'certgen', status: `${complete}  succeeded: 0\n  failed: 1\n` })],
    );
    assert.deepEqual(
      findings.map((f) => [f.check, f.severity, f.message]),
      [
        [
          'job-complete-without-success',
          'low',
          'Job "certgen" is marked Complete but its status counts 0/1 succeeded and 1 failed: the Job controller sets Complete only once succeeded reaches completions, so whether the work was done is unknown',
        ],
      ],
    );
  });

  it('does not fire on a success after retries, a running or failed Job, or a met successPolicy', () => {
    const retried = job({ name: 'a', status: `${complete}  succeeded: 1\n  failed: 1\n` });
    const running = job({ name: 'b', status: '  active: 1\n  ready: 1\n' });
    const failed = job({
      name: 'c',
      status: `  conditions:
  - type: Failed
    status: "True"
    reason: BackoffLimitExceeded
    message: Job has reached the specified backoff limit
  failed: 2
`,
    });
    // Indexed Job whose successPolicy was met by index 0: Complete with 1 of 5 indexes succeeded is legitimate.
    const policy = job({
      name: 'd',
      spec: '  successPolicy:\n    rules:\n    - succeededIndexes: "0"\n',
      status: `${complete}  succeeded: 1\n  succeededIndexes: "0"\n`,
    });
    (policy.spec as { completions: number; completionMode: string }).completions = 5;
    (policy.spec as { completionMode: string }).completionMode = 'Indexed';
    assert.deepEqual(analyze(jobCompleteWithoutSuccess, [retried, running, failed, policy]), []);
  });
});
