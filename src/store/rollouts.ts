// The delivery history: each revision of a workload or Helm release recorded once, when a scan first sees it
// (the cluster forgets old ReplicaSets, ControllerRevisions and release Secrets), and the delivery KPIs over it.
// Formulas: docs/kpis.md ("Delivery"); decision 0059.
import type { Insertable, Kysely, Transaction } from 'kysely';
import { DAY_MS, nearestRank } from './kpi.ts';
import type { RolloutFact } from './lifecycle.ts';
import type { Database, RolloutKind, RolloutsTable } from './schema.ts';

const BATCH = 500;
const HELM_SUCCESS = new Set(['deployed', 'superseded']);

interface Known {
  revision: number;
  template: string | null;
  status: string | null;
}

/**
 * Records the revisions not yet stored. A rollback is a new revision whose pod template equals an earlier
 * revision's (recorded before, or named in the ReplicaSet's revision-history): the controller re-used that
 * revision's object, so its creation time is the earlier revision's and the rollback's own time is when this scan
 * saw it. A Helm release's status is kept up to date (deployed → superseded).
 */
export async function recordRollouts(
  trx: Transaction<Database>,
  cluster: string,
  scanId: number,
  observedAt: number,
  facts: readonly RolloutFact[],
): Promise<void> {
  if (facts.length === 0) return;
  const rows = await trx
    .selectFrom('rollouts')
    .select(['kind', 'namespace', 'name', 'revision', 'template', 'status'])
    .where('cluster', '=', cluster)
    .execute();
  const known = new Map<string, Known[]>();
  const add = (key: string, k: Known) => known.set(key, [...(known.get(key) ?? []), k]);
  for (const r of rows) add(workloadKey(r), r);
  const inserts: Insertable<RolloutsTable>[] = [];
  // Oldest revision first, so a rollback finds the revision it repeats even when both are new to the history.
  for (const fact of [...facts].sort((a, b) => a.revision - b.revision)) {
    const key = workloadKey(fact);
    const earlier = known.get(key) ?? [];
    const same = earlier.find((k) => k.revision === fact.revision);
    if (same) {
      if (fact.status !== null && fact.status !== same.status) {
        await trx
          .updateTable('rollouts')
          .set({ status: fact.status })
          .where('cluster', '=', cluster)
          .where('kind', '=', fact.kind)
          .where('namespace', '=', fact.namespace)
          .where('name', '=', fact.name)
          .where('revision', '=', fact.revision)
          .execute();
        same.status = fact.status;
      }
      continue;
    }
    const repeats = [
      ...fact.earlierRevisions,
      ...earlier
        .filter((k) => fact.template !== null && k.template === fact.template && k.revision < fact.revision)
        .map((k) => k.revision),
    ];
    const rollbackOf = repeats.length > 0 ? repeats.reduce((a, b) => Math.max(a, b)) : null;
    const observed = rollbackOf !== null || fact.createdAt === null;
    inserts.push({
      cluster,
      kind: fact.kind,
      namespace: fact.namespace,
      name: fact.name,
      revision: fact.revision,
      template: fact.template,
      at: observed ? observedAt : fact.createdAt!,
      at_observed: observed ? 1 : 0,
      status: fact.status,
      rollback_of: rollbackOf,
      first_scan_id: scanId,
    });
    add(key, { revision: fact.revision, template: fact.template, status: fact.status });
  }
  for (let i = 0; i < inserts.length; i += BATCH)
    await trx
      .insertInto('rollouts')
      .values(inserts.slice(i, i + BATCH))
      .execute();
}

function workloadKey(r: { kind: string; namespace: string; name: string }): string {
  return `${r.kind}\u0000${r.namespace}\u0000${r.name}`;
}

export interface MinuteDurations {
  count: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  meanMinutes: number | null;
}

export interface DeliveryKpis {
  /** Workload revisions (Deployment, StatefulSet, DaemonSet) made in the window. */
  rollouts: { count: number; perDay: number; byKind: Record<string, number> };
  /** Revisions that repeat an earlier revision's pod template. */
  rollbacks: { count: number; rate: number | null };
  /** Per rollback in the window: its time − the time of the revision it replaced. */
  recovery: MinuteDurations;
  /** Helm release revisions (from the release Secrets' labels). */
  helm: { revisions: number; perDay: number; failed: number; recovery: MinuteDurations };
  /** Revisions in the window whose time is the scan that first saw them (precision: the scan interval). */
  observedTimes: number;
  leadTime: { derivable: false; reason: string };
}

export interface RolloutRow {
  kind: RolloutKind;
  namespace: string;
  name: string;
  revision: number;
  at: number;
  atObserved: boolean;
  status: string | null;
  rollbackOf: number | null;
}

export const LEAD_TIME_REASON =
  'lead time for changes needs the commit time of each change, which only the source repository and the delivery pipeline know; a cluster records when a change arrived, not when it was written';

/** The delivery KPIs for [from, to] over the recorded revisions (those before the window too, for recovery). */
export function deliveryKpis(rows: readonly RolloutRow[], from: number, to: number): DeliveryKpis {
  const days = (to - from) / DAY_MS;
  const inWindow = (r: RolloutRow) => r.at >= from && r.at <= to;
  const byWorkload = new Map<string, RolloutRow[]>();
  for (const r of rows) {
    const key = workloadKey(r);
    byWorkload.set(key, [...(byWorkload.get(key) ?? []), r]);
  }
  for (const list of byWorkload.values()) list.sort((a, b) => a.revision - b.revision);

  const workloads = rows.filter((r) => r.kind !== 'HelmRelease' && inWindow(r));
  const byKind: Record<string, number> = {};
  for (const r of workloads) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
  const rollbacks = workloads.filter((r) => r.rollbackOf !== null);
  const recovery: number[] = [];
  for (const r of rollbacks) {
    const list = byWorkload.get(workloadKey(r))!;
    const replaced = list.filter((x) => x.revision < r.revision).at(-1);
    if (replaced) recovery.push(r.at - replaced.at);
  }

  const helm = rows.filter((r) => r.kind === 'HelmRelease' && inWindow(r));
  const helmRecovery: number[] = [];
  for (const failed of helm.filter((r) => r.status === 'failed')) {
    const list = byWorkload.get(workloadKey(failed))!;
    const next = list.find((x) => x.revision > failed.revision && HELM_SUCCESS.has(x.status ?? ''));
    if (next) helmRecovery.push(next.at - failed.at);
  }

  return {
    rollouts: { count: workloads.length, perDay: days > 0 ? workloads.length / days : 0, byKind },
    rollbacks: {
      count: rollbacks.length,
      rate: workloads.length === 0 ? null : rollbacks.length / workloads.length,
    },
    recovery: minutes(recovery),
    helm: {
      revisions: helm.length,
      perDay: days > 0 ? helm.length / days : 0,
      failed: helm.filter((r) => r.status === 'failed').length,
      recovery: minutes(helmRecovery),
    },
    observedTimes: [...workloads, ...helm].filter((r) => r.atObserved).length,
    leadTime: { derivable: false, reason: LEAD_TIME_REASON },
  };
}

function minutes(ms: number[]): MinuteDurations {
  if (ms.length === 0) return { count: 0, medianMinutes: null, p90Minutes: null, meanMinutes: null };
  const m = ms.map((x) => x / 60_000).sort((a, b) => a - b);
  return {
    count: m.length,
    medianMinutes: nearestRank(m, 0.5),
    p90Minutes: nearestRank(m, 0.9),
    meanMinutes: m.reduce((s, x) => s + x, 0) / m.length,
  };
}

/** Reads the revisions made up to `to` (of one cluster, or all) and computes the delivery KPIs. */
export async function computeDelivery(
  db: Kysely<Database>,
  options: { from: number; to: number; cluster?: string },
): Promise<DeliveryKpis> {
  let q = db
    .selectFrom('rollouts')
    .select([
      'kind',
      'namespace',
      'name',
      'revision',
      'at',
      'at_observed',
      'status',
      'rollback_of',
      'cluster',
    ])
    .where('at', '<=', options.to);
  if (options.cluster !== undefined) q = q.where('cluster', '=', options.cluster);
  const rows = await q.execute();
  return deliveryKpis(
    rows.map((r) => ({
      kind: r.kind,
      // One workload per cluster: the cluster is part of its identity.
      namespace: `${r.cluster}\u0000${r.namespace}`,
      name: r.name,
      revision: r.revision,
      at: Number(r.at),
      atObserved: r.at_observed === 1,
      status: r.status,
      rollbackOf: r.rollback_of,
    })),
    options.from,
    options.to,
  );
}
