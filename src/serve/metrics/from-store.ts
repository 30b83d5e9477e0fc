// The metrics snapshot from the history store: per cluster, the last attempt and the last completed scan, and
// the open findings grouped by check, severity, category and namespace, and the certificate expiries the last
// completed scan read. Read once per completed scan, never during a scrape.
import type { Severity } from '../../core/severity.ts';
import type { Coverage } from '../../store/coverage.ts';
import type { HistoryStore } from '../../store/store.ts';
import type { ClusterStatus } from '../contract.ts';
import type {
  CertificateExpiry,
  ClusterMetrics,
  FindingCount,
  MetricsSnapshot,
  TransitionKind,
} from './snapshot.ts';

export async function metricsFromStore(
  store: HistoryStore,
  version: string,
  statuses: readonly ClusterStatus[] = [],
  /** Count transitions recorded after this event id (the last one when this serve process started). */
  transitionsAfter = 0,
): Promise<MetricsSnapshot> {
  const [summaries, counts, transitions, certificates] = await Promise.all([
    store.clusters(),
    store.openCounts(['cluster', 'check', 'severity', 'category', 'namespace']),
    transitionCounts(store, transitionsAfter),
    // Each cluster's last completed scan's certificate facts (a failed scan after it does not empty them).
    store.certificates(),
  ]);
  const certsByCluster = new Map<string, CertificateExpiry[]>();
  for (const c of certificates) {
    const list = certsByCluster.get(c.cluster) ?? [];
    list.push({
      namespace: c.namespace,
      kind: c.kind,
      name: c.name,
      field: c.field,
      notAfter: c.notAfter / 1000,
    });
    certsByCluster.set(c.cluster, list);
  }
  const byCluster = new Map<string, FindingCount[]>();
  for (const c of counts) {
    const list = byCluster.get(c.cluster ?? '') ?? [];
    list.push({
      check: c.check ?? '',
      severity: (c.severity ?? 'info') as Severity,
      category: c.category ?? '',
      namespace: c.namespace ?? '',
      count: c.count,
    });
    byCluster.set(c.cluster ?? '', list);
  }
  const clusters: ClusterMetrics[] = summaries.map((s) => {
    const status = statuses.find((x) => x.cluster === s.cluster);
    const m: ClusterMetrics = { cluster: s.cluster, transitions: transitions.get(s.cluster) ?? {} };
    if (status) m.intervalSeconds = status.intervalMs / 1000;
    if (s.lastScan)
      m.lastAttempt = {
        finishedAt: s.lastScan.finishedAt / 1000,
        success: s.lastScan.status === 'completed',
      };
    if (s.lastCompleted)
      m.lastCompleted = {
        finishedAt: s.lastCompleted.finishedAt / 1000,
        durationSeconds: s.lastCompleted.durationMs / 1000,
        coverageRatio: coverageRatio(s.lastCompleted.coverage),
        findings: byCluster.get(s.cluster) ?? [],
        suppressed: s.suppressed,
        problems: s.lastCompleted.problems.length,
        certificates: certsByCluster.get(s.cluster) ?? [],
      };
    return m;
  });
  return { version, clusters };
}

type Transitions = NonNullable<ClusterMetrics['transitions']>;
const COUNTED: readonly TransitionKind[] = ['opened', 'reopened', 'resolved', 'gone', 'suppressed'];

/** The newest event id now: counters start from it, so they only grow within one process (a restart is a reset). */
export async function lastEventId(store: HistoryStore): Promise<number> {
  const row = await store.db
    .selectFrom('finding_events')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/**
 * Transitions recorded after an event id, by cluster, kind and severity. Counted from the events themselves
 * (the read API lists them but does not count them); from this process's start, never from the whole history,
 * because retention pruning would make a counter over the history go down, which Prometheus reads as a reset and
 * an increase: a false "new critical finding" alert.
 */
async function transitionCounts(store: HistoryStore, afterId: number): Promise<Map<string, Transitions>> {
  const rows = await store.db
    .selectFrom('finding_events')
    .select(['cluster', 'kind', 'severity', (eb) => eb.fn.countAll<number>().as('n')])
    .where('id', '>', afterId)
    .groupBy(['cluster', 'kind', 'severity'])
    .execute();
  const out = new Map<string, Transitions>();
  for (const r of rows) {
    if (!(COUNTED as readonly string[]).includes(r.kind)) continue;
    const cluster = out.get(r.cluster) ?? {};
    const kind = r.kind as TransitionKind;
    const bySeverity = cluster[kind] ?? {};
    bySeverity[r.severity as Severity] = Number(r.n);
    cluster[kind] = bySeverity;
    out.set(r.cluster, cluster);
  }
  return out;
}

/**
 * The share of the scan's scope it could read, in (kind) and (namespace, kind) units: kinds read over kinds
 * read plus kinds missing plus each forbidden namespace's kinds. Below 1 exactly when the scan was partial in
 * what it was asked to read (a scan scoped to some namespaces on purpose is not partial here).
 */
export function coverageRatio(coverage: Coverage): number {
  const read = coverage.kindsRead.length;
  let denied = coverage.kindsMissing.length;
  for (const n of coverage.namespacesForbidden)
    denied += n.kinds.includes('*') ? Math.max(1, read) : n.kinds.length;
  return read + denied === 0 ? 0 : read / (read + denied);
}
