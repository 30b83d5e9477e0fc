// What the trends page reads from the history beyond the store's read API (docs/history-store.md): open findings
// per severity after each of a cluster's recent scans, and what changed since a scan or a time. Both are bounded
// by the churn in the window, never by the size of the history: open counts are rebuilt backwards from today's
// (an indexed count) by undoing the transitions after each scan; "changes" counts come from the scans' own
// counters, and only the newest few transitions of each kind are listed.
import { type Kysely, sql } from 'kysely';
import type { ObjectRef } from '../../core/object.ts';
import { SEVERITIES, type Severity } from '../../core/severity.ts';
import type { ScanView } from '../../store/read.ts';
import type { Database, EventKind } from '../../store/schema.ts';

export interface OpenAfterScan {
  scan: ScanView;
  open: Record<Severity, number>;
}

export const CHANGE_KINDS = ['opened', 'reopened', 'resolved', 'gone'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface Change {
  kind: ChangeKind;
  at: number;
  cluster: string;
  fingerprint: string;
  check: string;
  severity: Severity;
  object: ObjectRef;
}

export interface Changes {
  /** Transitions of each kind recorded by scans that started at or after `from`. */
  counts: Record<ChangeKind, number>;
  /** The newest transitions of each kind, newest first. */
  latest: Record<ChangeKind, Change[]>;
}

export function zeroCounts(): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
}

/**
 * Open findings per severity right after each of `scans` (one cluster's completed scans, newest first, the
 * newest being its last scan). A transition out of open adds one back to the severity it had, a transition into
 * open takes one away; a severity change moves one between the two (its reason holds the old severity).
 */
export async function openAfterScans(
  db: Kysely<Database>,
  cluster: string,
  scans: readonly ScanView[],
): Promise<OpenAfterScan[]> {
  const oldest = scans[scans.length - 1];
  if (!oldest) return [];
  // Only what happened after the oldest scan: its own transitions (often most of the history) are not undone.
  const transitions = db
    .selectFrom('finding_events')
    .select([
      'scan_id',
      'kind',
      'from_state',
      'to_state',
      'severity',
      sql<string | null>`case when kind = 'severity' then reason end`.as('old_severity'),
      sql<number | null>`case when scan_id is null then at end`.as('user_at'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('cluster', '=', cluster)
    .where((eb) => eb.or([eb('from_state', '=', 'open'), eb('to_state', '=', 'open')]))
    .groupBy(['scan_id', 'kind', 'from_state', 'to_state', 'severity', 'old_severity', 'user_at']);
  const [now, byScans, byUsers] = await Promise.all([
    db
      .selectFrom('findings')
      .select(['severity', (eb) => eb.fn.countAll<number>().as('n')])
      .where('cluster', '=', cluster)
      .where('state', '=', 'open')
      .groupBy('severity')
      .execute(),
    transitions.where('scan_id', '>', oldest.id).execute(),
    transitions.where('scan_id', 'is', null).where('at', '>', oldest.finishedAt).execute(),
  ]);
  const events = [...byScans, ...byUsers];
  const current = zeroCounts();
  for (const r of now) if (r.severity in current) current[r.severity as Severity] = Number(r.n);
  return scans.map((scan) => {
    const open = { ...current };
    for (const e of events) {
      const later = e.scan_id === null ? Number(e.user_at) > scan.finishedAt : Number(e.scan_id) > scan.id;
      if (!later) continue;
      const n = Number(e.n);
      // Undo the transition: what it brought into open leaves, what it took out comes back.
      if (e.to_state === 'open') add(open, e.severity, -n);
      if (e.from_state === 'open')
        add(open, e.kind === 'severity' ? (e.old_severity ?? e.severity) : e.severity, n);
    }
    // Summed in any order, so only the total is clamped (a negative count would mean history pruned mid-window).
    for (const s of SEVERITIES) open[s] = Math.max(0, open[s]);
    return { scan, open };
  });
}

function add(counts: Record<Severity, number>, severity: string, n: number): void {
  if (severity in counts) counts[severity as Severity] += n;
}

/** What changed in one cluster (or all) since `from` (ms, inclusive): counts per kind and the newest `limit` of each. */
export async function changesSince(
  db: Kysely<Database>,
  options: { from: number; cluster?: string; limit: number },
): Promise<Changes> {
  let totals = db
    .selectFrom('scans')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('opened'), sql.lit(0)).as('opened'),
      eb.fn.coalesce(eb.fn.sum<number>('reopened'), sql.lit(0)).as('reopened'),
      eb.fn.coalesce(eb.fn.sum<number>('resolved'), sql.lit(0)).as('resolved'),
      eb.fn.coalesce(eb.fn.sum<number>('gone'), sql.lit(0)).as('gone'),
    ])
    .where('status', '=', 'completed')
    .where('started_at', '>=', options.from);
  if (options.cluster !== undefined) totals = totals.where('cluster', '=', options.cluster);
  const latest = async (kind: ChangeKind): Promise<Change[]> => {
    let q = db
      .selectFrom('finding_events as e')
      .innerJoin('findings as f', 'f.id', 'e.finding_id')
      .select([
        'e.at',
        'e.cluster',
        'e.severity',
        'f.fingerprint',
        'f.check_id',
        'f.api_version',
        'f.kind',
        'f.namespace',
        'f.name',
      ])
      .where('e.at', '>=', options.from)
      .where('e.kind', '=', kind as EventKind)
      .where('e.scan_id', 'is not', null);
    if (options.cluster !== undefined) q = q.where('e.cluster', '=', options.cluster);
    const rows = await q.orderBy('e.at', 'desc').limit(options.limit).execute();
    return rows.map((r) => ({
      kind,
      at: Number(r.at),
      cluster: r.cluster,
      fingerprint: r.fingerprint,
      check: r.check_id,
      severity: r.severity as Severity,
      object: r.namespace
        ? { apiVersion: r.api_version, kind: r.kind, namespace: r.namespace, name: r.name }
        : { apiVersion: r.api_version, kind: r.kind, name: r.name },
    }));
  };
  const [sums, ...lists] = await Promise.all([
    totals.executeTakeFirstOrThrow(),
    ...CHANGE_KINDS.map((k) => latest(k)),
  ]);
  return {
    counts: {
      opened: Number(sums.opened),
      reopened: Number(sums.reopened),
      resolved: Number(sums.resolved),
      gone: Number(sums.gone),
    },
    latest: Object.fromEntries(CHANGE_KINDS.map((k, i) => [k, lists[i]!])) as Record<ChangeKind, Change[]>,
  };
}
