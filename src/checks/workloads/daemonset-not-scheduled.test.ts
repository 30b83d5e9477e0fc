import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { minutesBefore, node, pod, T0 } from '../../testing/cluster-builders.ts';
import { daemonsetNotScheduled } from './daemonset-not-scheduled.ts';

function daemonSet(
  status: { desired: number; current: number; ready?: number; misscheduled?: number },
  podSpec: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'ops', creationTimestamp: minutesBefore(T0, 600) },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'agent', image: 'agent:1' }], ...podSpec },
      },
    },
    status: {
      desiredNumberScheduled: status.desired,
      currentNumberScheduled: status.current,
      numberReady: status.ready ?? status.current,
      numberMisscheduled: status.misscheduled ?? 0,
    },
  };
}

const daemonPod = (nodeName: string) =>
  pod(`agent-${nodeName}`, { namespace: 'ops', nodeName, owner: { kind: 'DaemonSet', name: 'agent' } });

describe('daemonset-not-scheduled', () => {
  it('fires when eligible nodes have no daemon pod, naming them', () => {
    const findings = analyze(daemonsetNotScheduled, [
      daemonSet({ desired: 3, current: 2 }),
      node('a'),
      node('b'),
      node('c'),
      daemonPod('a'),
      daemonPod('b'),
    ]);
    assert.deepEqual(
      findings.map((f) => f.message),
      ['DaemonSet "agent": 1 of 3 eligible nodes have no daemon pod'],
    );
    assert.ok(findings[0]?.evidence?.includes('nodes without a daemon pod: c'));
  });
  it('fires on misscheduled pods', () => {
    const findings = analyze(daemonsetNotScheduled, [daemonSet({ desired: 2, current: 2, misscheduled: 1 })]);
    assert.deepEqual(
      findings.map((f) => f.message),
      ['DaemonSet "agent": 1 pod(s) run on nodes they should not (misscheduled)'],
    );
  });
  it('trap: nodes tainted against the DaemonSet are not counted as missing', () => {
    const nodes = [
      node('a'),
      node('b'),
      node('gpu', { taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }] }),
      // Cordoned and NotReady nodes still get daemon pods: the controller adds those tolerations itself.
      node('cordoned', { unschedulable: true }),
    ];
    const healthy = analyze(daemonsetNotScheduled, [
      daemonSet({ desired: 3, current: 3 }),
      ...nodes,
      daemonPod('a'),
      daemonPod('b'),
      daemonPod('cordoned'),
    ]);
    assert.deepEqual(healthy, []);
    // When something is missing, the tainted node is not listed, the cordoned one is.
    const broken = analyze(daemonsetNotScheduled, [
      daemonSet({ desired: 3, current: 2 }),
      ...nodes,
      daemonPod('a'),
      daemonPod('b'),
    ]);
    assert.ok(broken[0]?.evidence?.includes('nodes without a daemon pod: cordoned'));
  });
  it('trap: a DaemonSet that tolerates the taint expects a pod there', () => {
    const findings = analyze(daemonsetNotScheduled, [
      daemonSet({ desired: 2, current: 1 }, { tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }] }),
      node('a'),
      node('gpu', { taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }] }),
      daemonPod('a'),
    ]);
    assert.ok(findings[0]?.evidence?.includes('nodes without a daemon pod: gpu'));
  });
  it('does not fire on complete, brand-new or status-less DaemonSets', () => {
    const fresh = daemonSet({ desired: 3, current: 0 });
    fresh.metadata.creationTimestamp = minutesBefore(T0, 1);
    const bare = daemonSet({ desired: 1, current: 1 });
    delete bare.status;
    assert.deepEqual(
      analyze(daemonsetNotScheduled, [daemonSet({ desired: 2, current: 2 }), fresh, bare]),
      [],
    );
  });
});
