import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import { pod } from '../../testing/cluster-builders.ts';
import { podRunError } from './pod-run-error.ts';

describe('pod-run-error', () => {
  it('fires on RunContainerError with the runtime message', () => {
    const p = pod('x', { state: { kind: 'image-pull' } });
    const status = (p.status as { containerStatuses: { state: unknown }[] }).containerStatuses[0]!;
    status.state = {
      waiting: {
        reason: 'RunContainerError',
        message: 'exec: "/app/server": stat /app/server: no such file or directory',
      },
    };
    const findings = analyze(podRunError, [p]);
    assert.equal(findings.length, 1);
    assert.match(
      findings[0]!.message,
      /^container "app" cannot start \(RunContainerError\): exec: "\/app\/server"/,
    );
  });
  it('does not fire on crash loops (pod-crash-looping explains those) or running pods', () => {
    assert.deepEqual(analyze(podRunError, [pod('a'), pod('b', { state: { kind: 'crashloop' } })]), []);
  });
});
