import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { groupCauses } from '../../diagnose/causes.ts';
import { pod, replicaSetName } from '../../testing/cluster-builders.ts';
import { podEvicted } from './pod-evicted.ts';

function evicted(name: string, node: string, reason = 'Evicted'): KubeObject {
  const p = pod(name, {
    namespace: 'web',
    nodeName: node,
    owner: { kind: 'ReplicaSet', name: replicaSetName('web') },
  });
  const status = p.status as Record<string, unknown>;
  status.phase = 'Failed';
  status.reason = reason;
  status.message = 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 91Mi.';
  delete status.containerStatuses;
  return p;
}

describe('pod-evicted', () => {
  it('fires (low) on evicted pods and groups evictions from one node into one cause', () => {
    const findings = analyze(podEvicted, [evicted('web-a', 'node-2'), evicted('web-b', 'node-2')]);
    assert.equal(findings.length, 2);
    assert.equal(findings[0]?.severity, 'low');
    assert.match(
      findings[0]?.message ?? '',
      /^pod was evicted from node "node-2": The node was low on resource: memory/,
    );
    const causes = groupCauses(findings);
    assert.equal(causes.length, 1);
    assert.equal(causes[0]?.summary, 'Pods were evicted from node node-2 (node low on memory).');
  });
  it('does not fire on running pods, other failures, or preempted pods', () => {
    const failed = evicted('job-a', 'node-1', 'DeadlineExceeded');
    const preempted = evicted('low-prio', 'node-1', 'Preempting');
    assert.deepEqual(analyze(podEvicted, [pod('ok'), failed, preempted]), []);
  });
});
