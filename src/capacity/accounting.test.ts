import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ObjectIndex } from '../core/index.ts';
import { refOf } from '../core/object.ts';
import { app, indexOf, node, pod } from '../testing/capacity-objects.ts';
import { account, poolLabelOf } from './accounting.ts';
import { usageFrom } from './usage.ts';

const GI = 1024 ** 3;
const MI = 1024 ** 2;

describe('capacity accounting', () => {
  const objects = [
    node('n1', { cpu: '4', memory: '8Gi', pods: '10' }, { labels: { 'eks.amazonaws.com/nodegroup': 'web' } }),
    node('n2', { cpu: '2', memory: '4Gi', pods: '10' }),
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop', labels: { team: 'payments' } },
    },
    // Effective requests: max(app 200m + sidecar 100m, sidecar 100m + init 1) = 1.1 cpu; overhead 50m on top.
    pod('web', 'shop', {
      nodeName: 'n1',
      overhead: { cpu: '50m', memory: '10Mi' },
      initContainers: [
        { ...app({ cpu: '100m', memory: '64Mi' }, { memory: '64Mi' }, 'proxy'), restartPolicy: 'Always' },
        app({ cpu: '1', memory: '32Mi' }, undefined, 'migrate'),
      ],
      containers: [app({ cpu: '200m', memory: '256Mi' }, { cpu: '1', memory: '512Mi' })],
    }),
    // Labelled for another team than its namespace.
    pod(
      'batch',
      'shop',
      { nodeName: 'n2', containers: [app({ cpu: '500m' }, { cpu: '2' })] },
      { labels: { team: 'data' } },
    ),
    pod('done', 'shop', { nodeName: 'n2', containers: [app({ cpu: '2' })] }, { phase: 'Failed' }),
    pod('waiting', 'shop', { containers: [app({ cpu: '3' })] }),
  ];
  const index = indexOf(objects as never);

  it('counts effective requests and limits per node as the scheduler does, terminal pods left out', () => {
    const a = account(index, { poolLabel: poolLabelOf(index.ofKind('Node')), teamLabel: 'team' });
    const n1 = a.nodes.find((n) => n.name === 'n1')!;
    assert.equal(n1.requested.cpu, 1150);
    assert.equal(n1.requested.memory, 330 * MI);
    // Limits: app 1 cpu (the sidecar has none); memory 512Mi + 64Mi; overhead only where limits exist.
    assert.equal(n1.limits.cpu, 1050);
    assert.equal(n1.limits.memory, 586 * MI);
    assert.equal(n1.pods, 1);
    assert.equal(n1.free?.cpu, 2850);
    assert.equal(n1.overcommit?.cpu, 0.263);
    assert.equal(n1.pool, 'web');
    const n2 = a.nodes.find((n) => n.name === 'n2')!;
    assert.equal(n2.requested.cpu, 500);
    assert.equal(n2.overcommit?.cpu, 1);
    assert.equal(n2.pool, '(none)');
    assert.equal(a.cluster.allocatable?.cpu, 6000);
    assert.equal(a.cluster.requested.cpu, 1650);
    assert.equal(a.cluster.allocatable?.memory, 12 * GI);
  });

  it('namespaces and teams include Pending pods and say how many', () => {
    const a = account(index, { poolLabel: '', teamLabel: 'team' });
    const shop = a.namespaces.find((n) => n.name === 'shop')!;
    assert.equal(shop.pods, 3);
    assert.equal(shop.pending, 1);
    assert.equal(shop.requested.cpu, 1150 + 500 + 3000);
    assert.equal(shop.team, 'payments');
    assert.deepEqual(
      a.teams.map((t) => [t.name, t.pods]),
      [
        ['data', 1],
        ['payments', 2],
      ],
    );
  });

  it('adds usage from the metrics API per node, namespace and team', () => {
    const usage = usageFrom(
      [
        {
          apiVersion: 'metrics.k8s.io/v1beta1',
          kind: 'NodeMetrics',
          metadata: { name: 'n1' },
          usage: { cpu: '250m', memory: '1Gi' },
        } as never,
      ],
      [
        {
          apiVersion: 'metrics.k8s.io/v1beta1',
          kind: 'PodMetrics',
          metadata: { name: 'web', namespace: 'shop' },
          containers: [
            { name: 'app', usage: { cpu: '120m', memory: '200Mi' } },
            { name: 'proxy', usage: { cpu: '3140u', memory: '20Mi' } },
          ],
        } as never,
      ],
    );
    const a = account(index, { poolLabel: '', teamLabel: 'team', usage });
    assert.deepEqual(a.nodes.find((n) => n.name === 'n1')!.usage, { cpu: 250, memory: GI });
    assert.equal(a.nodes.find((n) => n.name === 'n2')!.usage, undefined);
    assert.deepEqual(a.namespaces[0]!.usage, { cpu: 123, memory: 220 * MI });
    assert.equal(a.cluster.usage?.cpu, 250);
  });

  it('pods of other namespaces (supporting) count on their nodes only', () => {
    const supporting = [pod('other', 'kube-system', { nodeName: 'n2', containers: [app({ cpu: '1' })] })].map(
      (o) => ({
        object: o,
        ref: refOf(o),
      }),
    );
    const withOthers = new ObjectIndex(index.all, { partial: false, supporting });
    const a = account(withOthers, { poolLabel: '', teamLabel: 'team' });
    assert.equal(a.nodes.find((n) => n.name === 'n2')!.requested.cpu, 1500);
    assert.equal(
      a.namespaces.some((n) => n.name === 'kube-system'),
      false,
    );
  });

  it('finds the pool label a node carries, or the one asked for', () => {
    assert.equal(poolLabelOf(index.ofKind('Node')), 'eks.amazonaws.com/nodegroup');
    assert.equal(poolLabelOf(index.ofKind('Node'), 'tier'), 'tier');
    assert.equal(poolLabelOf([]), '');
  });
});
