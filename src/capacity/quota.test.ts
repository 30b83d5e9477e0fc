import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../core/object.ts';
import { app, indexOf, pod } from '../testing/capacity-objects.ts';
import { type PodShape, shapeFromSize } from './pod-size.ts';
import { quotaFit, quotaRows } from './quota.ts';

function quota(
  name: string,
  hard: Record<string, string>,
  used: Record<string, string>,
  spec: object = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name, namespace: 'shop' },
    spec: { hard, ...spec },
    status: { hard, used },
  };
}

const size = (value: string) => shapeFromSize(value, 'shop') as PodShape;

describe('quota view and quota headroom', () => {
  it('shows hard and used as the controller wrote them, with the ratio and a recount from the pods', () => {
    const index = indexOf([
      quota(
        'compute',
        { 'requests.cpu': '2', 'limits.memory': '4Gi', pods: '10' },
        { 'requests.cpu': '1500m', 'limits.memory': '1Gi', pods: '2' },
      ),
      pod('a', 'shop', { nodeName: 'n', containers: [app({ cpu: '1' }, { memory: '512Mi' })] }),
      pod('b', 'shop', { containers: [app({ cpu: '500m' }, { memory: '512Mi' })] }),
      pod('c', 'shop', { nodeName: 'n', containers: [app({ cpu: '4' })] }, { phase: 'Succeeded' }),
      pod('d', 'other', { containers: [app({ cpu: '4' })] }),
    ]);
    const [row] = quotaRows(index);
    assert.deepEqual(row!.ratio, { 'requests.cpu': 0.75, 'limits.memory': 0.25, pods: 0.2 });
    assert.deepEqual(row!.computed, { 'requests.cpu': 1500, 'limits.memory': 1024 ** 3, pods: 2 });
  });

  it('fits as many pods as the tightest quota resource leaves room for', () => {
    const index = indexOf([
      quota('compute', { 'requests.cpu': '1', pods: '10' }, { 'requests.cpu': '800m', pods: '2' }),
    ]);
    assert.deepEqual(quotaFit(index, size('cpu=400m')), {
      pods: 0,
      limitedBy: 'ResourceQuota compute: requests.cpu 800m of 1 used, 400m per pod',
    });
    assert.equal(quotaFit(index, size('cpu=100m'))!.pods, 2);
    assert.equal(quotaFit(index, size('cpu=1m'))!.pods, 8); // pods bind
    assert.match(quotaFit(index, size('cpu=1m'))!.limitedBy, /pods 2 of 10/);
  });

  it('refuses pods that leave a quota-limited compute resource unset', () => {
    const index = indexOf([quota('mem', { 'limits.memory': '4Gi' }, { 'limits.memory': '0' })]);
    assert.deepEqual(quotaFit(index, size('cpu=100m')), {
      pods: 0,
      limitedBy: 'ResourceQuota mem: must specify limits.memory',
    });
  });

  it('applies only quotas whose scopes select the pod, and none of other namespaces', () => {
    const index = indexOf([
      quota('best-effort', { pods: '1' }, { pods: '1' }, { scopes: ['BestEffort'] }),
      quota(
        'high',
        { pods: '0' },
        { pods: '0' },
        {
          scopeSelector: {
            matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }],
          },
        },
      ),
    ]);
    // A pod with requests is not BestEffort; it has no priority class "high".
    assert.equal(quotaFit(index, size('cpu=100m')), undefined);
    assert.equal(quotaFit(index, { ...size('cpu=100m'), namespace: 'elsewhere' }), undefined);
    const bare: PodShape = {
      label: 'bare',
      namespace: 'shop',
      labels: {},
      spec: { containers: [{ name: 'a' }] },
    };
    assert.equal(quotaFit(index, bare)!.pods, 0);
  });
});
