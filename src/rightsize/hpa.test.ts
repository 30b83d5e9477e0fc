import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hpaRequest, replay, replicasFor } from './hpa.ts';

const hpa = { name: 'shop', utilization: 0.7, minReplicas: 2, maxReplicas: 10 };

describe('HPA replay', () => {
  it('follows the HPA rule: ceil(usage / (target × request)) within min..max', () => {
    assert.equal(replicasFor(0.5, 0.5, hpa), 2); // 1.43 → 2
    assert.equal(replicasFor(1.4, 0.5, hpa), 4);
    assert.equal(replicasFor(4.2, 0.5, hpa), 10); // 12 → clamped
    assert.equal(replicasFor(0, 0.5, hpa), 2);
    assert.equal(replicasFor(0.7, 1, hpa), 2); // exactly 1 → min 2
  });

  it('replays a day: mean requested CPU and replica percentiles', () => {
    const day = [...Array(8).fill(0.5), ...Array(14).fill(1.4), ...Array(2).fill(4.2)];
    const stats = replay(day, 0.5, hpa);
    assert.equal(stats.median, 4);
    assert.equal(stats.max, 10);
    assert.ok(Math.abs(stats.meanRequested - (8 * 1 + 14 * 2 + 2 * 5) / 24) < 1e-12);
  });

  it('picks the request with the least requested CPU over time that keeps the target, preferring bigger pods within 1%', () => {
    const day = [...Array(8).fill(0.5), ...Array(14).fill(1.4), ...Array(2).fill(4.2)];
    const found = hpaRequest(day, hpa, 0.5, 0.01);
    // Worked out independently: every 5m request from 600m to 1 core, cost = mean(replicas × request).
    const costs = [];
    for (let m = 600; m <= 1000; m += 5) {
      const r = m / 1000;
      const reps = (u: number) => Math.min(10, Math.max(2, Math.ceil(u / (0.7 * r) - 1e-9)));
      costs.push({ r, cost: (8 * reps(0.5) * r + 14 * reps(1.4) * r + 2 * reps(4.2) * r) / 24 });
    }
    const least = Math.min(...costs.map((c) => c.cost));
    assert.equal(least, costs.find((c) => c.r === 0.67)!.cost);
    assert.deepEqual(found, { request: 0.675, low: 0.6 });
  });

  it('raises the request when the HPA would run out of replicas', () => {
    const busy = Array(100).fill(20); // 20 cores: 10 pods × 0.7 × R ≥ 20 → R ≥ 2.86
    assert.equal(hpaRequest(busy, hpa, 0.5, 0.01)?.low, 2.86);
  });
});
