import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { app, indexOf, node, pod } from '../testing/capacity-objects.ts';
import { averagePod, stranded } from './stranded.ts';

const GI = 1024 ** 3;

describe('stranded capacity', () => {
  const index = indexOf([
    // Memory full, cpu free: 6 cpu stranded.
    node('mem-full', { cpu: '8', memory: '8Gi', pods: '110' }),
    pod('hog', 'shop', { nodeName: 'mem-full', containers: [app({ cpu: '1', memory: '7Gi' })] }),
    // Cpu full, memory free.
    node('cpu-full', { cpu: '4', memory: '32Gi', pods: '110' }),
    pod('burner', 'shop', { nodeName: 'cpu-full', containers: [app({ cpu: '3800m', memory: '1Gi' })] }),
    // Balanced: nothing stranded.
    node('balanced', { cpu: '4', memory: '8Gi', pods: '110' }),
    // Cordoned or tainted against the pod: reserved, not stranded.
    node('cordoned', { cpu: '8', memory: '1Gi', pods: '110' }, { unschedulable: true }),
    node('gpu', { cpu: '8', memory: '1Gi', pods: '110' }, { taints: [{ key: 'gpu', effect: 'NoSchedule' }] }),
  ]);
  const shape = new Map([
    ['cpu', 1000],
    ['memory', 2 * GI],
  ]);

  it('finds cpu left where memory ran out and memory left where cpu ran out', () => {
    const s = stranded(index, shape, 'cpu=1,memory=2Gi');
    const byNode = Object.fromEntries(s.nodes.map((n) => [n.node, n]));
    assert.deepEqual(byNode['mem-full'], {
      node: 'mem-full',
      limitedBy: 'Insufficient memory',
      stranded: { cpu: 7000 },
    });
    assert.deepEqual(byNode['cpu-full'], {
      node: 'cpu-full',
      limitedBy: 'Insufficient cpu',
      stranded: { memory: 31 * GI },
    });
    assert.equal(byNode.balanced, undefined);
    assert.equal(byNode.cordoned, undefined);
    assert.equal(byNode.gpu, undefined);
    // A pod that tolerates the taint may use that node: its cpu is stranded behind the full memory.
    const tolerating = stranded(index, shape, 'gpu pod', {
      tolerations: [{ key: 'gpu', operator: 'Exists' }],
    });
    assert.equal(tolerating.nodes.find((n) => n.node === 'gpu')?.stranded.cpu, 8000);
    assert.deepEqual(s.total, { cpu: 7000, memory: 31 * GI });
  });

  it('measures against the average running pod when no size is given', () => {
    assert.deepEqual(
      averagePod(index),
      new Map([
        ['cpu', 2400],
        ['memory', 4 * GI],
      ]),
    );
    assert.equal(averagePod(indexOf([node('n', { cpu: '1', memory: '1Gi', pods: '1' })])), undefined);
  });
});
