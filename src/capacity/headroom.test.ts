import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { app, indexOf, node, pod } from '../testing/capacity-objects.ts';
import { headroom } from './headroom.ts';
import type { PodShape } from './pod-size.ts';
import { shapeFromSize } from './pod-size.ts';

const size = (value: string): PodShape => shapeFromSize(value, 'default') as PodShape;
const ZONE = 'topology.kubernetes.io/zone';

describe('headroom', () => {
  it('sums per-node fits by free resources, stopping at the first resource to run out', () => {
    const index = indexOf([
      node('n1', { cpu: '4', memory: '8Gi', pods: '110' }),
      node('n2', { cpu: '4', memory: '2Gi', pods: '110' }),
      pod('busy', 'shop', { nodeName: 'n1', containers: [app({ cpu: '1500m', memory: '1Gi' })] }),
    ]);
    const h = headroom(index, size('cpu=1,memory=1Gi'), '');
    const byNode = Object.fromEntries(h.byNode.map((n) => [n.node, n]));
    assert.equal(byNode.n1!.pods, 2); // 2.5 cpu free → 2
    assert.equal(byNode.n1!.limitedBy, 'Insufficient cpu');
    assert.equal(byNode.n2!.pods, 2); // 2Gi memory → 2
    assert.equal(byNode.n2!.limitedBy, 'Insufficient memory');
    assert.equal(h.pods, 4);
    assert.equal(h.simulated, false);
  });

  it('counts pod slots, ignores terminal pods and says Too many pods', () => {
    const index = indexOf([
      node('n1', { cpu: '8', memory: '8Gi', pods: '3' }),
      pod('a', 'shop', { nodeName: 'n1', containers: [app({ cpu: '100m' })] }),
      pod('done', 'shop', { nodeName: 'n1', containers: [app({ cpu: '7' })] }, { phase: 'Succeeded' }),
    ]);
    const h = headroom(index, size('cpu=100m'), '');
    assert.equal(h.pods, 2);
    assert.deepEqual(h.limitedBy, { 'Too many pods': 1 });
  });

  it('takes nothing from cordoned, tainted, unselected nodes and nodes without allocatable', () => {
    const index = indexOf([
      node('cordoned', { cpu: '8', memory: '8Gi', pods: '110' }, { unschedulable: true }),
      node(
        'tainted',
        { cpu: '8', memory: '8Gi', pods: '110' },
        { taints: [{ key: 'gpu', effect: 'NoSchedule' }] },
      ),
      node(
        'soft',
        { cpu: '1', memory: '8Gi', pods: '110' },
        { taints: [{ key: 'spot', effect: 'PreferNoSchedule' }] },
      ),
      node('blank', undefined),
    ]);
    const h = headroom(index, size('cpu=500m'), '');
    assert.equal(h.pods, 2);
    assert.deepEqual(h.limitedBy, {
      'Insufficient cpu': 1,
      'no status.allocatable': 1,
      'node(s) had untolerated taint(s)': 1,
      'node(s) were unschedulable': 1,
    });
  });

  it('a pod with a host port fits once per node', () => {
    const index = indexOf([node('n1', { cpu: '8', memory: '8Gi', pods: '110' })]);
    const shape: PodShape = {
      label: 'x',
      namespace: 'shop',
      labels: {},
      spec: {
        containers: [
          { name: 'a', ports: [{ containerPort: 80, hostPort: 80 }], resources: { requests: { cpu: '1' } } },
        ],
      },
    };
    const h = headroom(index, shape, '');
    assert.equal(h.pods, 1);
    assert.equal(h.byNode[0]!.limitedBy, "node(s) didn't have free ports for the requested pod ports");
  });

  it('zone spread: fills domains evenly, the smallest domain caps the rest at maxSkew above it', () => {
    const index = indexOf([
      node('a1', { cpu: '1', memory: '8Gi', pods: '110' }, { labels: { [ZONE]: 'a' } }),
      node('b1', { cpu: '8', memory: '8Gi', pods: '110' }, { labels: { [ZONE]: 'b' } }),
      node('c1', { cpu: '8', memory: '8Gi', pods: '110' }, { labels: { [ZONE]: 'c' } }),
    ]);
    const shape: PodShape = {
      label: 'spread',
      namespace: 'shop',
      labels: { app: 'web' },
      spec: {
        containers: [app({ cpu: '500m' })],
        topologySpreadConstraints: [
          {
            maxSkew: 1,
            topologyKey: ZONE,
            whenUnsatisfiable: 'DoNotSchedule',
            labelSelector: { matchLabels: { app: 'web' } },
          },
        ],
      },
    };
    const h = headroom(index, shape, '');
    // a takes 2 (1 cpu); b and c may reach 3.
    assert.equal(h.pods, 8);
    assert.equal(h.simulated, true);
    const byNode = Object.fromEntries(h.byNode.map((n) => [n.node, n.pods]));
    assert.deepEqual(byNode, { a1: 2, b1: 3, c1: 3 });
    // Pods of another app do not count for the skew.
    const other = indexOf([
      ...index.all.map((o) => o.object),
      pod('x', 'shop', { nodeName: 'b1', containers: [app({ cpu: '100m' })] }, { labels: { app: 'other' } }),
    ]);
    assert.equal(headroom(other, shape, '').pods, 8);
  });

  it('anti-affinity with itself per hostname: one per node; the budget stops the simulation and says so', () => {
    const nodes = ['n1', 'n2', 'n3'].map((n) => node(n, { cpu: '8', memory: '8Gi', pods: '110' }));
    const shape: PodShape = {
      label: 'anti',
      namespace: 'shop',
      labels: { app: 'db' },
      spec: {
        containers: [app({ cpu: '100m' })],
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'db' } } },
            ],
          },
        },
      },
    };
    const index = indexOf([
      ...nodes,
      pod('db-0', 'shop', { nodeName: 'n1', containers: [app({ cpu: '100m' })] }, { labels: { app: 'db' } }),
    ]);
    const h = headroom(index, shape, '');
    assert.equal(h.pods, 2);
    assert.equal(
      h.byNode.find((n) => n.node === 'n1')!.limitedBy,
      "node(s) didn't match pod anti-affinity rules",
    );
    const cut = headroom(index, shape, '', 2);
    assert.equal(cut.truncated, true);
  });

  it('groups by pool', () => {
    const index = indexOf([
      node('g1', { cpu: '4', memory: '8Gi', pods: '110' }, { labels: { pool: 'general' } }),
      node('g2', { cpu: '2', memory: '8Gi', pods: '110' }, { labels: { pool: 'general' } }),
      node('x1', { cpu: '4', memory: '8Gi', pods: '110' }),
    ]);
    const h = headroom(index, size('cpu=1'), 'pool');
    assert.deepEqual(h.byPool, [
      { pool: '(none)', pods: 4 },
      { pool: 'general', pods: 6 },
    ]);
  });
});
