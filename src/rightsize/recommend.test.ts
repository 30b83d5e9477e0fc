import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { END, history, MiB, STEP } from '../../test/support/rightsize-fixtures.ts';
import { confidenceOf, recommend } from './recommend.ts';
import { DEFAULT_POLICY } from './types.ts';

const steady = (cpu: number, memory = 100 * MiB) => ({ cpu: () => cpu, memory: () => memory });

describe('rightsize recommender', () => {
  it('confidence grows with days of data: none < 3 h, low < 1 d, medium < 7 d, high from 7 d', () => {
    const level = (hours: number) => confidenceOf(history([{ hours, ...steady(0.1) }])).confidence;
    assert.equal(level(2), 'none');
    assert.equal(level(20), 'low');
    assert.equal(level(72), 'medium');
    assert.equal(level(14 * 24), 'high');
    // 14 days with half the steps missing: 7 days of data but 50% coverage → medium.
    const gappy = history([{ hours: 14 * 24, ...steady(0.1) }]);
    gappy.pods[0]!.cpu = gappy.pods[0]!.cpu.filter((_, i) => i % 2 === 0);
    gappy.pods[0]!.memory = gappy.pods[0]!.memory.filter((_, i) => i % 2 === 0);
    assert.equal(confidenceOf(gappy).confidence, 'medium');
  });

  it('CPU: p95 of steady samples × 1.1, up to 5m; memory: peak × 1.15, up to 1 MiB', () => {
    // 100 pods-worth of values 0.01..1.00 cycling: p95 of 4032 samples.
    const h = history([
      {
        hours: 14 * 24,
        cpu: (_t, i) => ((i % 100) + 1) / 100,
        memory: (_t, i) => (i === 7 ? 300 * MiB : 100 * MiB),
      },
    ]);
    const r = recommend(h, { cpuRequest: 2, memoryRequest: 1024 * MiB }, DEFAULT_POLICY);
    assert.equal(r.confidence, 'high');
    // sorted[ceil(0.95 × 4032) − 1] = sorted[3830]; 4032 = 40 full cycles (4000) + 32: values ≤ 0.95 number 95×40 + 32 = 3832 ≥ 3831 → 0.95.
    assert.equal(r.cpu.request, roundTo(0.95 * 1.1));
    assert.equal(r.memory.request, 345 * MiB); // 300 × 1.15
    assert.equal(r.memory.limit, 345 * MiB);
    assert.equal(r.cpu.limit, null); // no CPU limit by default
  });

  it('leaves start-up out of CPU, but not of memory', () => {
    const start = END - 3 * 86400;
    const h = history([
      {
        hours: 14 * 24,
        cpu: (t) => (t > start && t <= start + STEP ? 4 : 0.2),
        memory: (t) => (t > start && t <= start + STEP ? 900 * MiB : 100 * MiB),
        starts: [END - 30 * 86400, start],
      },
    ]);
    const r = recommend(h, { cpuRequest: 1 }, DEFAULT_POLICY);
    assert.equal(r.cpu.request, 0.22);
    assert.ok(
      r.cpu.evidence.some((e) =>
        /start-up excluded: 1 sample\(s\) within 5m of a container start \(peak 4 cores\)/.test(e),
      ),
    );
    assert.equal(r.memory.request, 1035 * MiB); // 900 × 1.15
    // Without the start-up window the burst is steady use (it is 1 of 4032, above p95 only when frequent).
    const wide = recommend(h, { cpuRequest: 1 }, { ...DEFAULT_POLICY, startupSeconds: 0 });
    assert.equal(wide.cpu.request, 0.22);
  });

  it('never cuts CPU where throttling hid the demand', () => {
    const h = history([
      {
        hours: 14 * 24,
        cpu: (_t, i) => (i % 10 === 0 ? 0.5 : 0.1),
        throttled: (_t, i) => (i % 10 === 0 ? 0.3 : 0),
      },
    ]);
    const r = recommend(h, { cpuRequest: 0.5, cpuLimit: 0.5 }, DEFAULT_POLICY);
    assert.equal(r.cpu.request, 0.5);
    assert.match(r.cpu.held ?? '', /throttled in 10\.0% of steps/);
    assert.ok(Math.abs((r.throttled ?? 0) - 0.1) < 0.001);
    // Throttling under 1% of steps does not hold a cut.
    const rare = history([{ hours: 14 * 24, cpu: () => 0.1, throttled: (_t, i) => (i === 5 ? 0.5 : 0) }]);
    assert.equal(recommend(rare, { cpuRequest: 0.5 }, DEFAULT_POLICY).cpu.request, 0.11);
  });

  it('raises memory after an OOM kill to max(limit × 1.2, limit + 100 MiB)', () => {
    const at = END - 86400;
    const small = history([{ hours: 14 * 24, ...steady(0.1, 60 * MiB), ooms: [{ at, limit: 64 * MiB }] }]);
    assert.equal(
      recommend(small, { memoryRequest: 64 * MiB, memoryLimit: 64 * MiB }, DEFAULT_POLICY).memory.request,
      164 * MiB,
    );
    const big = history([{ hours: 14 * 24, ...steady(0.1, 900 * MiB), ooms: [{ at, limit: 1024 * MiB }] }]);
    const r = recommend(big, { memoryRequest: 1024 * MiB, memoryLimit: 1024 * MiB }, DEFAULT_POLICY);
    assert.equal(r.memory.request, Math.ceil(1024 * 1.2) * MiB);
    assert.ok(
      r.memory.evidence.some((e) =>
        /OOM kill in pod api-0 at .* at a 1 GiB limit → at least 1.2 GiB/.test(e),
      ),
    );
    // No limit recorded at the kill: the current limit is the one it hit.
    const unknown = history([{ hours: 14 * 24, ...steady(0.1, 60 * MiB), ooms: [{ at }] }]);
    assert.equal(recommend(unknown, { memoryLimit: 200 * MiB }, DEFAULT_POLICY).memory.request, 300 * MiB);
    // An OOM kill raises memory even on thin data.
    const thin = history([
      { hours: 1, ...steady(0.1, 60 * MiB), ooms: [{ at: END - 600, limit: 64 * MiB }] },
    ]);
    const t = recommend(thin, { memoryRequest: 64 * MiB, memoryLimit: 64 * MiB }, DEFAULT_POLICY);
    assert.equal(t.confidence, 'none');
    assert.equal(t.memory.request, 164 * MiB);
    assert.equal(t.cpu.request, undefined);
  });

  it('holds cuts on thin data: none below a day, at most 30% below a week', () => {
    const low = recommend(
      history([{ hours: 20, ...steady(0.1) }]),
      { cpuRequest: 1, memoryRequest: 1024 * MiB },
      DEFAULT_POLICY,
    );
    assert.equal(low.cpu.request, 1);
    assert.equal(low.memory.request, 1024 * MiB);
    const up = recommend(history([{ hours: 20, ...steady(2) }]), { cpuRequest: 1 }, DEFAULT_POLICY);
    assert.equal(up.cpu.request, 2.2); // increases are made
    const medium = recommend(history([{ hours: 72, ...steady(0.1) }]), { cpuRequest: 1 }, DEFAULT_POLICY);
    assert.equal(medium.cpu.request, 0.7);
    assert.match(medium.cpu.held ?? '', /capped at 30%/);
  });

  it('keeps the current value for changes below the hysteresis', () => {
    const r = recommend(
      history([{ hours: 14 * 24, ...steady(0.1, 100 * MiB) }]),
      { cpuRequest: 0.12, memoryRequest: 150 * MiB },
      DEFAULT_POLICY,
    );
    assert.equal(r.cpu.request, 0.12); // 110m vs 120m: < max(10%, 25m)
    assert.equal(r.memory.request, 150 * MiB); // 115 MiB vs 150: < 64 MiB
    const missing = recommend(history([{ hours: 14 * 24, ...steady(0.1) }]), {}, DEFAULT_POLICY);
    assert.equal(missing.cpu.request, 0.11); // no request: always recommended
  });

  it('sizes init containers to their peak over runs, with no start-up exclusion', () => {
    const init = history(
      [1, 2, 3].map((n) => ({
        pod: `api-${n}`,
        hours: 0.25,
        cpu: (_t: number, i: number) => (i === 1 ? 0.8 : 0.3),
        starts: [END - 900],
      })),
      { role: 'init', container: 'migrate' },
    );
    const r = recommend(init, { cpuRequest: 2 }, DEFAULT_POLICY);
    assert.equal(r.confidence, 'high');
    assert.equal(r.cpu.request, 0.88);
    const once = recommend(
      history([{ hours: 0.25, cpu: () => 0.3, starts: [END - 900] }], { role: 'init' }),
      { cpuRequest: 2 },
      DEFAULT_POLICY,
    );
    assert.equal(once.confidence, 'low');
    assert.equal(once.cpu.request, 2);
  });

  it('sets a CPU limit above the burst only under the "required" policy', () => {
    const h = history([{ hours: 14 * 24, cpu: (_t, i) => (i % 500 === 0 ? 1 : 0.2) }]);
    const r = recommend(h, { cpuRequest: 0.5 }, { ...DEFAULT_POLICY, cpuLimit: 'required' });
    assert.equal(r.cpu.request, 0.22);
    assert.equal(r.cpu.limit, 1.2); // p99.9 = 1 core × 1.2
    assert.equal(
      recommend(h, { cpuRequest: 0.5 }, { ...DEFAULT_POLICY, cpuLimit: 'keep' }).cpu.limit,
      undefined,
    );
  });

  it('with an HPA on CPU, sizes by replaying the HPA', () => {
    const load = (t: number) => (Math.floor((((t % 86400) + 86400) % 86400) / 3600) >= 12 ? 3 : 0.6);
    const pods = [0, 1, 2, 3].map((p) => ({
      pod: `api-${p}`,
      hours: 14 * 24,
      cpu: (t: number) => load(t) / 4,
    }));
    const r = recommend(history(pods), { cpuRequest: 0.2 }, DEFAULT_POLICY, {
      name: 'api',
      utilization: 0.5,
      minReplicas: 1,
      maxReplicas: 4,
    });
    // q99 of the total 3 cores / (0.5 × 4) = 1.5 cores at least.
    assert.ok((r.cpu.request ?? 0) >= 1.5, String(r.cpu.request));
    assert.equal(r.hpa?.replicasBefore.max, 4);
  });
});

function roundTo(v: number): number {
  return Math.ceil(v / 0.005 - 1e-6) * 0.005;
}
