import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachEngine } from '../../../test/support/engines.ts';
import { found, HOUR, meta, observation, type ScanSpec, T0 } from '../../../test/support/history-fixtures.ts';
import type { Severity } from '../../core/severity.ts';
import type { HistoryStore } from '../../store/store.ts';
import { changesSince, openAfterScans } from './history-queries.ts';

// A: high, then critical (a severity change while open). B: medium, suppressed by a user between S2 and S3.
// C: low, resolved in S2 (object still there), reopened in S3. D: high, opened in S2, gone in S3 (deleted).
const OBJECTS = ['Pod/shop/a', 'Pod/shop/b', 'Pod/shop/c', 'Pod/shop/d'];
const SCANS: ScanSpec[] = [
  {
    at: T0,
    objects: OBJECTS,
    findings: [
      { check: 'c-crash', object: 'Pod/shop/a', severity: 'high' },
      { check: 'c-limits', object: 'Pod/shop/b', severity: 'medium' },
      { check: 'c-limits', object: 'Pod/shop/c', severity: 'low' },
    ],
  },
  {
    at: T0 + HOUR,
    objects: OBJECTS,
    findings: [
      { check: 'c-crash', object: 'Pod/shop/a', severity: 'critical' },
      { check: 'c-limits', object: 'Pod/shop/b', severity: 'medium' },
      { check: 'c-crash', object: 'Pod/shop/d', severity: 'high' },
    ],
  },
  {
    at: T0 + 2 * HOUR,
    objects: ['Pod/shop/a', 'Pod/shop/b', 'Pod/shop/c'],
    findings: [
      { check: 'c-crash', object: 'Pod/shop/a', severity: 'critical' },
      { check: 'c-limits', object: 'Pod/shop/b', severity: 'medium' },
      { check: 'c-limits', object: 'Pod/shop/c', severity: 'low' },
    ],
  },
];
// Another cluster's transitions must not leak into this one's trend.
const OTHER: ScanSpec = {
  at: T0 + 90 * 60_000,
  objects: ['Pod/x/y'],
  findings: [{ check: 'c-crash', object: 'Pod/x/y', severity: 'critical' }],
};

const counts = (c: number, h: number, m: number, l: number): Record<Severity, number> => ({
  critical: c,
  high: h,
  medium: m,
  low: l,
  info: 0,
});

forEachEngine('trend queries', (ctx) => {
  let store: HistoryStore;
  /** What the store said was open right after each scan: the oracle the rebuilt series must equal. */
  const seen: Record<Severity, number>[] = [];

  before(async () => {
    store = await ctx.open();
    for (const [i, spec] of SCANS.entries()) {
      if (i === 2) {
        await store.recordScan(meta('other', OTHER), observation(OTHER));
        const b = found({ check: 'c-limits', object: 'Pod/shop/b' });
        assert.ok(
          await store.suppress('prod', b.fingerprint, { reason: 'accepted', by: 'ana' }, T0 + 90 * 60_000),
        );
      }
      await store.recordScan(meta('prod', spec), observation(spec));
      const now = counts(0, 0, 0, 0);
      for (const r of await store.openCounts(['severity'], { cluster: 'prod' }))
        now[r.severity as Severity] = r.count;
      seen.push(now);
    }
  });
  after(async () => {
    await store.close();
  });

  it('rebuilds open findings per severity after each scan from today counts and the transitions since', async () => {
    const scans = await store.scans({ cluster: 'prod', status: 'completed', limit: 30 });
    const points = (await openAfterScans(store.db, 'prod', scans)).reverse();
    assert.deepEqual(
      points.map((p) => p.scan.startedAt),
      SCANS.map((s) => s.at),
    );
    // By hand: S1 A,B,C open; S2 A critical, C resolved, D opened; then B suppressed; S3 C reopened, D gone.
    assert.deepEqual(
      points.map((p) => p.open),
      [counts(0, 1, 1, 1), counts(1, 1, 1, 0), counts(1, 0, 0, 1)],
    );
    assert.deepEqual(
      points.map((p) => p.open),
      seen,
    );
  });

  it('a window of the last two scans gives the same last two points', async () => {
    const scans = await store.scans({ cluster: 'prod', status: 'completed', limit: 2 });
    const points = (await openAfterScans(store.db, 'prod', scans)).reverse();
    assert.deepEqual(
      points.map((p) => p.open),
      seen.slice(1),
    );
  });

  it('changes since a time: counts from the scans, the newest of each kind listed', async () => {
    const all = await changesSince(store.db, { from: T0 + 1, cluster: 'prod', limit: 10 });
    assert.deepEqual(all.counts, { opened: 1, reopened: 1, resolved: 1, gone: 1 });
    assert.deepEqual(
      Object.fromEntries(Object.entries(all.latest).map(([k, list]) => [k, list.map((c) => c.object.name)])),
      { opened: ['d'], reopened: ['c'], resolved: ['c'], gone: ['d'] },
    );
    const everything = await changesSince(store.db, { from: T0, limit: 1 });
    // prod's first scan opened 3, S2 opened D, the other cluster 1.
    assert.equal(everything.counts.opened, 5);
    assert.equal(everything.latest.opened.length, 1);
    assert.equal(everything.latest.opened[0]!.cluster, 'other');
    const none = await changesSince(store.db, { from: T0 + 3 * HOUR, limit: 10 });
    assert.deepEqual(none.counts, { opened: 0, reopened: 0, resolved: 0, gone: 0 });
  });
});
