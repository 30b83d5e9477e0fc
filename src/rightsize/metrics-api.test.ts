import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LoadedObject } from '../core/object.ts';
import { refOf } from '../core/object.ts';
import { fromPodMetrics, ownerResolver, type PodMetrics } from './metrics-api.ts';
import { DEFAULT_POLICY } from './types.ts';

const MiB = 2 ** 20;
const loaded = (object: Record<string, unknown>): LoadedObject =>
  ({ object, ref: refOf(object as never) }) as LoadedObject;
const owned = (kind: string, name: string, ownerKind: string, ownerName: string) =>
  loaded({
    apiVersion: 'v1',
    kind,
    metadata: {
      name,
      namespace: 'shop',
      ownerReferences: [{ kind: ownerKind, name: ownerName, controller: true }],
    },
  });

const objects = [
  owned('Pod', 'api-7d9-aaaaa', 'ReplicaSet', 'api-7d9'),
  owned('Pod', 'api-7d9-bbbbb', 'ReplicaSet', 'api-7d9'),
  owned('ReplicaSet', 'api-7d9', 'Deployment', 'api'),
  owned('Pod', 'nightly-28000-x', 'Job', 'nightly-28000'),
  owned('Job', 'nightly-28000', 'CronJob', 'nightly'),
];

const metrics = (pod: string, cpu: string, memory: string): PodMetrics => ({
  metadata: { name: pod, namespace: 'shop' },
  timestamp: '2026-12-07T02:00:00Z',
  window: '15.012s',
  containers: [{ name: 'api', usage: { cpu, memory } }],
});

describe('point-in-time estimate from the metrics API', () => {
  it('follows owner references to the workload', () => {
    const owner = ownerResolver(objects);
    assert.deepEqual(owner('shop', 'api-7d9-aaaaa'), { kind: 'Deployment', name: 'api' });
    assert.deepEqual(owner('shop', 'nightly-28000-x'), { kind: 'CronJob', name: 'nightly' });
    assert.deepEqual(owner('shop', 'lonely'), { kind: 'Pod', name: 'lonely' });
  });

  it('raises to the highest pod now × margin, never cuts, and says it is one moment', () => {
    const [r] = fromPodMetrics(
      [
        metrics('api-7d9-aaaaa', '250000000n', `${300 * 1024}Ki`),
        metrics('api-7d9-bbbbb', '900m', `${100 * 1024}Ki`),
      ],
      ownerResolver(objects),
      () => ({ cpuRequest: 0.5, memoryRequest: 512 * MiB }),
      DEFAULT_POLICY,
    );
    assert.equal(r?.pointInTime, true);
    assert.equal(r?.cpu.request, 0.99); // 900m × 1.1
    assert.equal(r?.memory.request, 512 * MiB); // 300 MiB × 1.15 < 512: no cut
    assert.match(
      r?.cpu.evidence[0] ?? '',
      /point-in-time estimate: usage at 2026-12-07T02:00:00Z over 15s across 2 pod\(s\)/,
    );
  });

  it('skips containers of workloads it was not asked about and bad quantities', () => {
    const out = fromPodMetrics(
      [metrics('api-7d9-aaaaa', 'lots', '1Gi'), metrics('other', '1', '1Gi')],
      ownerResolver(objects),
      (key) => (key.name === 'api' ? {} : undefined),
      DEFAULT_POLICY,
    );
    assert.equal(out.length, 1);
    assert.equal(out[0]?.cpu.request, undefined);
    assert.equal(out[0]?.memory.request, 1178 * MiB); // 1024 × 1.15 = 1177.6 → 1178
  });
});
