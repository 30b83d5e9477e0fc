// Fixes found by the scheduler truth run (test/truth/scheduler.ts, docs/decisions/0017-ground-truth.md): the real
// kube-scheduler v1.34.4's FailedScheduling wording, reproduced by explainScheduling.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ObjectIndex } from '../../core/index.ts';
import { type KubeObject, type LoadedObject, refOf } from '../../core/object.ts';
import { explainScheduling, nodeAffinityPreFilter } from '../../k8s/scheduling.ts';

const loaded = (object: KubeObject): LoadedObject => ({ object, ref: refOf(object) });

function node(name: string, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec,
    status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } },
  };
}

function pending(name: string, spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'ns' },
    spec: {
      containers: [{ name: 'app', image: 'app:1', resources: { requests: { cpu: '100m' } } }],
      ...spec,
    },
    status: { phase: 'Pending' },
  };
}

function explain(nodes: KubeObject[], pod: KubeObject): string {
  const index = new ObjectIndex([...nodes, pod].map(loaded), { partial: false });
  return explainScheduling(index, index.get('Pod', 'ns', pod.metadata.name!)!).summary;
}

const byName = (names: string[]) => ({
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: names }] }],
    },
  },
});

describe('explainScheduling agrees with kube-scheduler v1.34', () => {
  it('untolerated taints: one generic reason, whatever the taint (kubernetes#134740)', () => {
    const nodes = [
      node('gpu', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
      node('lost', { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] }),
      node('soft', { taints: [{ key: 'spot', value: 'yes', effect: 'PreferNoSchedule' }] }),
    ];
    assert.equal(
      explain(nodes, pending('p', { nodeSelector: { 'kubernetes.io/hostname': 'nowhere' } })),
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 node(s) had untolerated taint(s).",
    );
    // The taint itself is still in our per-node details.
    const index = new ObjectIndex([...nodes, pending('q', {})].map(loaded), { partial: false });
    const details = explainScheduling(index, index.get('Pod', 'ns', 'q')!).verdicts.flatMap((v) => v.details);
    assert.ok(details.some((d) => d.includes('dedicated=gpu:NoSchedule')));
  });

  it('required affinity on metadata.name: other nodes fail the NodeAffinity PreFilter, named ones the filters', () => {
    const nodes = [node('a'), node('b', { unschedulable: true }), node('c')];
    assert.equal(
      explain(nodes, pending('p', { affinity: byName(['b']) })),
      "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].",
    );
    // A name no node has: every node is left out by the PreFilter.
    assert.equal(
      explain(nodes, pending('p', { affinity: byName(['absent']) })),
      "0/3 nodes are available: 3 node(s) didn't satisfy plugin(s) [NodeAffinity].",
    );
  });

  it('metadata.name PreFilter: terms OR, requirements AND, a term without names leaves every node eligible', () => {
    const terms = (...t: unknown[]) => ({
      affinity: {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: t } },
      },
    });
    const f = (o: string, values: string[]) => ({ key: 'metadata.name', operator: o, values });
    assert.deepEqual(
      nodeAffinityPreFilter(terms({ matchFields: [f('In', ['a', 'b'])] }, { matchFields: [f('In', ['c'])] })),
      new Set(['a', 'b', 'c']),
    );
    assert.deepEqual(
      nodeAffinityPreFilter(terms({ matchFields: [f('In', ['a', 'b']), f('In', ['b'])] })),
      new Set(['b']),
    );
    assert.equal(
      nodeAffinityPreFilter(
        terms({ matchFields: [f('In', ['a'])] }, { matchExpressions: [{ key: 'x', operator: 'Exists' }] }),
      ),
      undefined,
    );
    assert.equal(nodeAffinityPreFilter(terms({ matchFields: [f('NotIn', ['a'])] })), undefined);
    assert.equal(nodeAffinityPreFilter({}), undefined);
    assert.equal(
      nodeAffinityPreFilter({
        affinity: {
          nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: 'bad' } },
        },
      } as never),
      undefined,
    );
    // Contradicting names: the PreFilter rejects the pod before any node is looked at.
    assert.equal(
      explain([node('a')], pending('p', terms({ matchFields: [f('In', ['a']), f('In', ['b'])] }))),
      '0/1 nodes are available: pod affinity terms conflict.',
    );
  });
});
