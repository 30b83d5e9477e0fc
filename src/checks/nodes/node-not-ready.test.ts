import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import { node } from '../../testing/cluster-builders.ts';
import { nodeNotReady } from './node-not-ready.ts';

describe('node-not-ready', () => {
  it('fires on Ready=False and Ready=Unknown with the condition as evidence', () => {
    const findings = analyze(nodeNotReady, [node('a', { ready: 'False' }), node('b', { ready: 'Unknown' })]);
    assert.deepEqual(
      findings.map((f) => f.message),
      ['node "a" is NotReady for 19m', 'node "b" is Unknown (the kubelet stopped reporting) for 19m'],
    );
    assert.ok(findings[1]?.evidence?.includes('last heartbeat 20m ago'));
    assert.equal(findings[0]?.severity, 'critical');
  });
  it('does not fire on ready nodes, healthy "False" pressure conditions, or nodes without status', () => {
    const bare = node('bare');
    delete bare.status;
    assert.deepEqual(analyze(nodeNotReady, [node('ok'), bare]), []);
  });
});
