// KPIs over the shared scan sequence (test/support/lifecycle-sequence.ts), on SQLite and PostgreSQL, against values
// worked out by hand below from docs/kpis.md. Window [T0, T0 + 7 d]; SLAs shortened so due dates fall inside it:
// critical 1 d, high 2 d, medium 3 d, low 1 d, info 10 d.
//
// Events (hours after T0; "oa" = episode opened at):
//   A high/reliability:   opened 0; resolved 24 (object unchanged); reopened 48; resolved 72 (oa 48)
//   B high/reliability:   opened 0; gone 24
//   C medium/reliability: opened 0                               (still open)
//   D medium/reliability: opened 0 → suppressed; unsuppressed 48; suppressed 84 (user); unsuppressed 144 (open)
//   E low→medium/hygiene: opened 0 (low); severity 24 (medium); gone 72
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachEngine } from '../../test/support/engines.ts';
import { DAY, HOUR, T0 } from '../../test/support/history-fixtures.ts';
import { history } from '../../test/support/lifecycle-sequence.ts';
import { kpiMarkdown } from '../cli/commands/kpi.ts';
import { durations, findingKpis, nearestRank } from './kpi.ts';

const SLA = { critical: 1 * DAY, high: 2 * DAY, medium: 3 * DAY, low: 1 * DAY, info: 10 * DAY };

forEachEngine('KPIs', (engine) => {
  it('match the hand-computed values', async () => {
    const store = await engine.open();
    try {
      await history(store);
      const k = await store.kpis({ from: T0, to: T0 + 7 * DAY, sla: SLA });
      assert.deepEqual(k.window, {
        from: '2026-10-01T00:00:00.000Z',
        to: '2026-10-08T00:00:00.000Z',
        days: 7,
      });
      // MTTR: A's two resolutions, 24 h each (24 − 0, 72 − 48). B and E went away (gone), which is not a fix.
      const h24 = { count: 2, medianHours: 24, p90Hours: 24, meanHours: 24 };
      assert.deepEqual(k.mttr, { all: h24, bySeverity: { high: h24 }, byCategory: { reliability: h24 } });
      // SLA compliance: episodes due in the window, judged at the due time.
      //   A@0 due 48 resolved (met); A@48 due 96 resolved at 72 (met); B due 48 gone (excluded);
      //   C due 72 open (missed); D due 72 open again since 48 (missed); E opened low, due 24, open (missed).
      assert.deepEqual(k.slaCompliance, {
        due: 5,
        met: 2,
        missed: 3,
        excluded: 1,
        rate: 0.4,
        bySeverity: {
          high: { due: 2, met: 2, missed: 0, rate: 1 },
          medium: { due: 2, met: 0, missed: 2, rate: 0 },
          low: { due: 1, met: 0, missed: 1, rate: 0 },
        },
      });
      // Closure: both resolutions within 48 h of their episode's start.
      assert.deepEqual(k.slaClosure, { resolved: 2, onTime: 2, rate: 1 });
      // Backlog now (= the window's end): C and D, open since T0, 7 days old.
      assert.deepEqual(k.backlog, {
        open: 2,
        bySeverity: { critical: 0, high: 0, medium: 2, low: 0, info: 0 },
        medianAgeDays: 7,
        maxAgeDays: 7,
        buckets: { '0-7': 2, '8-30': 0, '31-90': 0, '>90': 0 },
      });
      // One reopening after a resolution (A at 48) per two resolutions.
      assert.deepEqual(k.reopen, { resolved: 2, reopened: 1, rate: 0.5 });
      // Noise: 6 episodes opened (A twice, B, C, D, E); A@0 resolved unchanged at 24 h (≤ 1 day), D suppressed at birth.
      assert.deepEqual(k.noise, {
        opened: 6,
        noisy: 2,
        suppressed: 1,
        resolvedUnchanged: 1,
        rate: 2 / 6,
        byCheck: [
          { check: 'c-limits', opened: 2, noisy: 1, rate: 0.5 },
          { check: 'c-crash', opened: 3, noisy: 1, rate: 1 / 3 },
        ],
      });
      assert.equal(k.gone, 2);
      assert.equal(k.suppressed, 2, 'D at birth (annotation) and at 84 h (a user)');
      // Coverage: 6 scans, full only at 0 h and 48 h (c-unused not running is configuration, not a gap).
      assert.deepEqual(k.coverage, {
        scans: 6,
        completed: 6,
        failed: 0,
        full: 2,
        rate: 2 / 6,
        kindsMissing: ['Pod'],
        namespacesForbidden: ['team-b'],
      });
      // The markdown `shipshape kpi` prints says the same numbers.
      const md = kpiMarkdown({ ...k, cluster: null, database: 'test' });
      for (const line of [
        '| severity high | 2 | 24.0 h | 24.0 h | 24.0 h |',
        '- Compliance: 40.0 % (2 of 5 findings due in the window were resolved by their due time; 1 gone or suppressed by then are not counted)',
        '  - low: 0.0 % (0 of 1)',
        '- Open: 2 (critical 0, high 0, medium 2, low 0, info 0)',
        '- Reopen rate: 50.0 % (1 reopened per 2 resolved)',
        '  - c-limits: 50.0 % (1 of 2)',
        '- Scans: 6 (6 completed, 0 failed); full coverage 33.3 % (2)',
        '- Kinds not read in some scan: Pod',
      ])
        assert.ok(md.split('\n').includes(line), `${line}\n---\n${md}`);
      // One cluster's KPIs: the same here (one cluster); another cluster has none.
      const other = await store.kpis({ from: T0, to: T0 + 7 * DAY, sla: SLA, cluster: 'staging' });
      assert.equal(other.mttr.all.count, 0);
      assert.equal(other.slaCompliance.rate, null);
    } finally {
      await store.close();
    }
  });
});

it('nearest-rank percentiles', () => {
  assert.equal(nearestRank([1, 2, 3, 4], 0.5), 2);
  assert.equal(nearestRank([1, 2, 3, 4, 5], 0.5), 3);
  assert.equal(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9), 9);
  assert.equal(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9), 10);
  assert.deepEqual(durations([]), { count: 0, medianHours: null, p90Hours: null, meanHours: null });
  assert.deepEqual(durations([3_600_000, 7_200_000, 36_000_000]), {
    count: 3,
    medianHours: 2,
    p90Hours: 10,
    meanHours: 13 / 3,
  });
});

it('coverage: a kind the cluster does not serve is not a gap; a forbidden kind and a failed scan are', () => {
  const scan = (status: 'completed' | 'failed', kindsMissing: { kind: string; reason: string }[]) => ({
    cluster: 'prod',
    status,
    startedAt: T0 + HOUR,
    coverage: { namespaces: 'all' as const, kindsMissing, namespacesForbidden: [] },
  });
  const k = findingKpis({
    from: T0,
    to: T0 + DAY,
    sla: SLA,
    events: [],
    open: [],
    scans: [
      scan('completed', [{ kind: 'Certificate', reason: 'not served by this cluster' }]),
      scan('completed', [{ kind: 'Secret', reason: 'forbidden by RBAC' }]),
      scan('failed', []),
    ],
  });
  assert.deepEqual(k.coverage, {
    scans: 3,
    completed: 2,
    failed: 1,
    full: 1,
    rate: 1 / 3,
    kindsMissing: ['Secret'],
    namespacesForbidden: [],
  });
});
