// The deciding reason of a Pending pod and its fix, from the blockers of every node: only options that apply.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../test/support/analyzer-tester.ts';
import { podUnschedulable } from '../checks/pods/pod-unschedulable.ts';
import type { KubeObject } from '../core/object.ts';
import { node, pod } from '../testing/cluster-builders.ts';
import { remedyFromSchedulerMessage } from './scheduling-remedy.ts';

function pending(name: string, o: Parameters<typeof pod>[1] = {}): KubeObject {
  return pod(name, { namespace: 'shop', state: { kind: 'pending' }, ...o });
}

function decide(objects: KubeObject[]) {
  const [finding, ...rest] = analyze(podUnschedulable, objects);
  assert.deepEqual(rest, []);
  assert.ok(finding);
  return { summary: finding.cause!.summary, fix: finding.remediation, finding };
}

describe('diagnoseScheduling', () => {
  it('too little free now, though a node of an existing size fits: the freest node, and adding one helps', () => {
    const { summary, fix } = decide([
      node('a', { cpu: '4' }),
      node('b', { cpu: '4' }),
      pod('busy-a', { namespace: 'x', nodeName: 'a', cpu: '3' }),
      pod('busy-b', { namespace: 'x', nodeName: 'b', cpu: '2500m' }),
      pending('web-1', { cpu: '2' }),
    ]);
    assert.match(summary, /no node has enough cpu free \(2 cpu requested, at most 1500m free on b\)\.$/);
    assert.match(fix, /one like a would fit it/);
    assert.doesNotMatch(fix, /toleration|uncordon|nodeSelector|would not help/);
  });

  it('tainted nodes are reserved: left out of the numbers, named in the evidence, no toleration offered', () => {
    const { summary, fix, finding } = decide([
      node('small', { cpu: '2' }),
      node('gpu', { cpu: '16', taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }] }),
      pending('batch-1', { cpu: '8' }),
    ]);
    assert.match(summary, /8 cpu requested, more than any node has allocatable \(at most 2 cpu\)/);
    assert.doesNotMatch(fix, /toleration/);
    assert.ok(
      finding.evidence?.some((e) =>
        /not counted: 1 node reserved by nvidia\.com\/gpu=present:NoSchedule \(gpu\)/.test(e),
      ),
    );
  });

  it('every node tainted: the taints with their node counts and the tolerations to add', () => {
    const { summary, fix } = decide([
      node('a', { taints: [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }] }),
      node('b', { taints: [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }] }),
      node('c', { taints: [{ key: 'spot', effect: 'NoExecute' }] }),
      pending('web-1'),
    ]);
    assert.match(
      summary,
      /all 3 nodes carry taints dedicated=infra:NoSchedule, spot:NoExecute, which the pod does not tolerate\.$/,
    );
    assert.match(fix, /^Taint dedicated=infra:NoSchedule is on 2 nodes; Taint spot:NoExecute is on 1 node\./);
    assert.match(fix, /\{key: spot, operator: Exists, effect: NoExecute\}/);
    assert.doesNotMatch(fix, /request|capacity/);
  });

  it('the nodes it may use are down or cordoned: the nodes are the root', () => {
    const { summary, fix, finding } = decide([
      node('lost', { ready: 'Unknown' }),
      node('drained', { unschedulable: true }),
      pending('web-1'),
    ]);
    assert.match(summary, /all 2 nodes are unavailable \(not ready, under pressure or cordoned\)\.$/);
    assert.match(fix, /kubectl uncordon drained/);
    assert.deepEqual(
      finding.cause?.upstream?.map((u) => u.name),
      ['lost', 'drained'],
    );
  });

  it('a host port taken everywhere: the port, not capacity or taints', () => {
    const withPort = (name: string, nodeName?: string) => {
      const p = nodeName ? pod(name, { namespace: 'x', nodeName }) : pending(name);
      const c = (p.spec as { containers: Record<string, unknown>[] }).containers[0]!;
      c.ports = [{ containerPort: 80, hostPort: 8080 }];
      return p;
    };
    const { summary, fix } = decide([
      node('a'),
      node('b'),
      withPort('old-a', 'a'),
      withPort('old-b', 'b'),
      withPort('new'),
    ]);
    assert.match(summary, /host port 8080 is already taken on every node\.$/);
    assert.doesNotMatch(fix, /toleration|request|uncordon/);
  });

  it("a nodeSelector key a typo away from the nodes' key: did you mean", () => {
    const { fix } = decide([
      node('a', { labels: { disktype: 'ssd' } }),
      pending('db-1', { nodeSelector: { disktyp: 'ssd' } }),
    ]);
    assert.match(
      fix,
      /^Did you mean disktype=ssd\? No node carries the label key disktyp; nodes carry disktype=ssd \(1 node\)\./,
    );
  });

  it('a label key no node carries and none is near: the keys the nodes do carry, not their hostnames', () => {
    const { summary, fix, finding } = decide([
      node('a', {
        labels: { 'kubernetes.io/hostname': 'a', 'node.kubernetes.io/instance-type': 'm5.large' },
      }),
      node('b', {
        labels: { 'kubernetes.io/hostname': 'b', 'node.kubernetes.io/instance-type': 'm5.large' },
      }),
      pending('train-1', { nodeSelector: { accelerator: 'nvidia-h100' } }),
    ]);
    assert.match(summary, /no node has the label accelerator=nvidia-h100 that the nodeSelector requires\.$/);
    assert.match(
      fix,
      /^No node carries the label key accelerator; the nodes' own label keys are node\.kubernetes\.io\/instance-type\. /,
    );
    assert.doesNotMatch(fix, /hostname|toleration|request/);
    // Nodes rejected for the same reason are one evidence line.
    assert.deepEqual(
      finding.evidence?.filter((e) => e.includes('no accelerator label')),
      ['2 nodes a, b: nodeSelector accelerator=nvidia-h100: no accelerator label'],
    );
    assert.ok(finding.cause?.nextSteps?.includes('kubectl get nodes -L accelerator'));
  });
  it('one node-affinity requirement no node meets: named in the summary, with the values the nodes have', () => {
    const zonal = pending('zonal-1');
    (zonal.spec as Record<string, unknown>).affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1a'] },
              ],
            },
          ],
        },
      },
    };
    const { summary, fix } = decide([
      node('a', { labels: { 'topology.kubernetes.io/zone': 'eu-west-1b' } }),
      node('b', { labels: { 'topology.kubernetes.io/zone': 'eu-west-1b' } }),
      node('c', { labels: { 'topology.kubernetes.io/zone': 'eu-west-1c' } }),
      zonal,
    ]);
    assert.match(
      summary,
      /no node satisfies its node affinity topology\.kubernetes\.io\/zone In \[eu-west-1a\]\.$/,
    );
    assert.match(
      fix,
      /fails on 3 nodes; the nodes have topology\.kubernetes\.io\/zone=eu-west-1b \(2\), topology\.kubernetes\.io\/zone=eu-west-1c \(1\)\)/,
    );
    assert.doesNotMatch(fix, /toleration|request|uncordon/);
  });
});

describe('remedyFromSchedulerMessage (no nodes in the data)', () => {
  it('covers exactly the reasons given', () => {
    assert.equal(
      remedyFromSchedulerMessage('0/5 nodes are available: 5 Insufficient cpu.'),
      "Lower the pod's cpu request or add capacity (more or bigger nodes).",
    );
    const mixed = remedyFromSchedulerMessage(
      "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector.",
    );
    assert.match(mixed ?? '', /toleration/);
    assert.match(mixed ?? '', /nodeSelector/);
    assert.doesNotMatch(mixed ?? '', /request|uncordon|PersistentVolumeClaim/);
    assert.equal(remedyFromSchedulerMessage('something unheard of'), undefined);
  });

  it("names the pod's nodeSelector when it is all the pod selects nodes by", () => {
    const message = "0/5 nodes are available: 5 node(s) didn't match Pod's node affinity/selector.";
    assert.equal(
      remedyFromSchedulerMessage(message, { nodeSelector: { accelerator: 'nvidia-h100' } }),
      'Its nodeSelector wants accelerator=nvidia-h100: label the nodes meant for it (kubectl label node <node> accelerator=nvidia-h100) or change the nodeSelector to labels they carry (kubectl get nodes -L accelerator).',
    );
    const both = { nodeSelector: { accelerator: 'nvidia-h100' }, affinity: { nodeAffinity: {} } };
    assert.equal(
      remedyFromSchedulerMessage(message, both),
      'Set the nodeSelector/node affinity to labels the nodes carry.',
    );
  });
});
