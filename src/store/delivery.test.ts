// Delivery KPIs over recorded revisions, on SQLite and a real PostgreSQL server: revisions recorded once across
// scans, a rollback recognised both from a ReplicaSet's revision-history and from a template seen before, dated by
// the scan that saw it, a Helm release's status kept current; every number worked out by hand below.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachEngine } from '../../test/support/engines.ts';
import { DAY, HOUR, meta, observation, type ScanSpec, T0 } from '../../test/support/history-fixtures.ts';
import { DEFAULTS } from '../serve/config.ts';
import type { RolloutFact } from './lifecycle.ts';
import { LEAD_TIME_REASON } from './rollouts.ts';

const MIN = 60_000;
const rs = (
  revision: number,
  template: string,
  createdAt: number,
  earlierRevisions: number[] = [],
): RolloutFact => ({
  kind: 'Deployment',
  namespace: 'shop',
  name: 'web',
  revision,
  template,
  createdAt,
  earlierRevisions,
  status: null,
});
const cr = (revision: number, template: string, createdAt: number): RolloutFact => ({
  kind: 'StatefulSet',
  namespace: 'shop',
  name: 'db',
  revision,
  template,
  createdAt,
  earlierRevisions: [],
  status: null,
});
const helm = (revision: number, status: string, createdAt: number): RolloutFact => ({
  kind: 'HelmRelease',
  namespace: 'shop',
  name: 'shop',
  revision,
  template: null,
  createdAt,
  earlierRevisions: [],
  status,
});

const empty: ScanSpec = { at: 0, objects: [], findings: [] };
const SLA = Object.fromEntries(
  Object.entries(DEFAULTS.sla).map(([s, d]) => [s, d * DAY]),
) as typeof DEFAULTS.sla;

forEachEngine('delivery KPIs', (engine) => {
  it('records each revision once and computes frequency, rollback rate and recovery by hand', async () => {
    const store = await engine.open();
    try {
      const scan = async (at: number, rollouts: RolloutFact[], cluster = 'prod') => {
        const spec = { ...empty, at };
        await store.recordScan(meta(cluster, spec), {
          ...observation(spec),
          facts: { namespaces: [], certificates: [], rollouts },
        });
      };
      // Day 0: web rev 1 (A) at 00:10, rev 2 (B) at 01:00; db rev 1 (x) at 00:20; shop v1 deployed at 00:05.
      await scan(T0 + 2 * HOUR, [
        rs(1, 'A', T0 + 10 * MIN),
        rs(2, 'B', T0 + HOUR),
        cr(1, 'x', T0 + 20 * MIN),
        helm(1, 'deployed', T0 + 5 * MIN),
      ]);
      // web rolled back: the ReplicaSet of rev 1 is now rev 3 with revision-history 1 (its creation time is rev 1's).
      // db rev 2 (y) at 02:30. shop v2 failed at 03:00, v1 superseded.
      await scan(T0 + 4 * HOUR, [
        rs(3, 'A', T0 + 10 * MIN, [1]),
        rs(2, 'B', T0 + HOUR),
        cr(1, 'x', T0 + 20 * MIN),
        cr(2, 'y', T0 + 150 * MIN),
        helm(1, 'superseded', T0 + 5 * MIN),
        helm(2, 'failed', T0 + 3 * HOUR),
      ]);
      // db rolled back: the ControllerRevision of rev 1 (x) is now rev 3; the cluster no longer lists rev 1.
      // shop v3 deployed at 04:45.
      await scan(T0 + 5 * HOUR, [
        rs(3, 'A', T0 + 10 * MIN, [1]),
        rs(2, 'B', T0 + HOUR),
        cr(2, 'y', T0 + 150 * MIN),
        cr(3, 'x', T0 + 20 * MIN),
        helm(2, 'failed', T0 + 3 * HOUR),
        helm(3, 'deployed', T0 + 285 * MIN),
      ]);
      // The same again: nothing new.
      await scan(T0 + 6 * HOUR, [
        rs(3, 'A', T0 + 10 * MIN, [1]),
        rs(2, 'B', T0 + HOUR),
        cr(2, 'y', T0 + 150 * MIN),
        cr(3, 'x', T0 + 20 * MIN),
        helm(3, 'deployed', T0 + 285 * MIN),
      ]);
      // Another cluster with a workload of the same name: its own history.
      await scan(T0 + 6 * HOUR, [rs(1, 'B', T0 + 5 * HOUR)], 'dev');

      const rows = await store.db
        .selectFrom('rollouts')
        .selectAll()
        .orderBy('cluster')
        .orderBy('kind')
        .orderBy('revision')
        .execute();
      assert.deepEqual(
        rows.map((r) => [
          r.cluster,
          r.kind,
          r.revision,
          (Number(r.at) - T0) / MIN,
          r.at_observed,
          r.status,
          r.rollback_of,
        ]),
        [
          ['dev', 'Deployment', 1, 300, 0, null, null],
          ['prod', 'Deployment', 1, 10, 0, null, null],
          ['prod', 'Deployment', 2, 60, 0, null, null],
          ['prod', 'Deployment', 3, 240, 1, null, 1],
          ['prod', 'HelmRelease', 1, 5, 0, 'superseded', null],
          ['prod', 'HelmRelease', 2, 180, 0, 'failed', null],
          ['prod', 'HelmRelease', 3, 285, 0, 'deployed', null],
          ['prod', 'StatefulSet', 1, 20, 0, null, null],
          ['prod', 'StatefulSet', 2, 150, 0, null, null],
          ['prod', 'StatefulSet', 3, 300, 1, null, 1],
        ],
      );

      const k = await store.kpis({ from: T0, to: T0 + DAY, sla: SLA, cluster: 'prod' });
      // 6 workload revisions in one day; 2 rollbacks; recovery: web 04:00 − rev 2 at 01:00 = 180 min,
      // db 05:00 − rev 2 at 02:30 = 150 min → median (nearest rank, 2 values: the 1st) 150, p90 180, mean 165.
      assert.deepEqual(k.delivery, {
        rollouts: { count: 6, perDay: 6, byKind: { Deployment: 3, StatefulSet: 3 } },
        rollbacks: { count: 2, rate: 2 / 6 },
        recovery: { count: 2, medianMinutes: 150, p90Minutes: 180, meanMinutes: 165 },
        // Helm: 3 revisions, 1 failed; v2 failed at 03:00, v3 deployed at 04:45 → 105 min.
        helm: {
          revisions: 3,
          perDay: 3,
          failed: 1,
          recovery: { count: 1, medianMinutes: 105, p90Minutes: 105, meanMinutes: 105 },
        },
        observedTimes: 2,
        leadTime: { derivable: false, reason: LEAD_TIME_REASON },
      });

      // A window from 03:00: web rev 3 and db rev 3 only (both rollbacks); recovery still reaches back to the
      // revisions they replaced, before the window. Helm: v2 and v3.
      const late = await store.kpis({ from: T0 + 3 * HOUR, to: T0 + DAY, sla: SLA, cluster: 'prod' });
      assert.deepEqual(
        [
          late.delivery.rollouts.count,
          late.delivery.rollbacks.rate,
          late.delivery.recovery.meanMinutes,
          late.delivery.helm.revisions,
        ],
        [2, 1, 165, 2],
      );
      // Both clusters: dev's revision counts, and its "web" is not prod's.
      const all = await store.kpis({ from: T0, to: T0 + DAY, sla: SLA });
      assert.deepEqual([all.delivery.rollouts.count, all.delivery.rollbacks.count], [7, 2]);
      // Retention drops revisions made before the cutoff.
      await store.prune(T0 + 2 * HOUR);
      const kept = await store.db
        .selectFrom('rollouts')
        .select('revision')
        .where('cluster', '=', 'prod')
        .execute();
      assert.equal(kept.length, 5, '9 in prod, less web 1 and 2, db 1 and shop v1');
    } finally {
      await store.close();
    }
  });
});
