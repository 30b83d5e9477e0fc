// The read side of the history: what the dashboard, /metrics, notifications and `kpi` ask. Every list is
// bounded (limit, at most MAX_LIMIT) and every query uses an index. Rows come back as plain views with JSON
// columns parsed. Contract: docs/history-store.md.
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { ObjectRef } from '../core/object.ts';
import { SEVERITIES, type Severity } from '../core/severity.ts';
import { type Coverage, emptyCoverage } from './coverage.ts';
import type {
  Database,
  EventKind,
  FindingEventRow,
  FindingRow,
  FindingState,
  ScanRow,
  ScanStatus,
} from './schema.ts';

export const MAX_LIMIT = 1000;

export interface ScanView {
  id: number;
  cluster: string;
  status: ScanStatus;
  startedAt: number;
  finishedAt: number;
  durationMs: number;
  error: string | null;
  instance: string;
  toolVersion: string;
  coverage: Coverage;
  objects: number;
  findings: number;
  opened: number;
  reopened: number;
  resolved: number;
  gone: number;
  problems: string[];
}

export interface FindingView {
  id: number;
  cluster: string;
  fingerprint: string;
  check: string;
  severity: Severity;
  category: string;
  object: ObjectRef;
  /** '' for a whole-object finding. */
  path: string;
  message: string;
  evidence: string[];
  state: FindingState;
  suppression: { by: string; reason: string | null; until: number | null } | null;
  firstSeenAt: number;
  openedAt: number;
  lastSeenAt: number;
  lastVerifiedAt: number;
  stateSince: number;
  episodes: number;
}

export interface EventView {
  id: number;
  findingId: number;
  cluster: string;
  scanId: number | null;
  at: number;
  openedAt: number;
  kind: EventKind;
  from: FindingState | null;
  to: FindingState;
  severity: Severity;
  reason: string | null;
}

export interface ClusterSummary {
  cluster: string;
  lastScan: ScanView | null;
  lastCompleted: ScanView | null;
  /** Open findings by severity (0 for every severity, so nothing appears or disappears). */
  open: Record<Severity, number>;
  suppressed: number;
}

export interface ScanQuery {
  cluster?: string;
  status?: ScanStatus;
  /** Only scans that started before this time (ms): the next page. */
  before?: number;
  since?: number;
  limit?: number;
}

export interface FindingFilter {
  cluster?: string;
  /** Default: open only. */
  states?: FindingState[];
  severities?: Severity[];
  namespaces?: string[];
  checks?: string[];
  categories?: string[];
  kinds?: string[];
  /** A substring of the object's name. */
  name?: string;
  /**
   * Teams (the configured namespace label's value): findings in the namespaces that carried that label value in
   * their cluster's last completed scan.
   */
  teams?: string[];
}

export const FINDING_SORTS = ['severity', 'opened', 'last-seen', 'namespace', 'check', 'name'] as const;
export type FindingSort = (typeof FINDING_SORTS)[number];

export interface FindingQuery extends FindingFilter {
  /** Default severity (most severe first, then oldest). */
  sort?: FindingSort;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

export interface TransitionQuery {
  cluster?: string;
  /** Events of scans with a greater id (a notifier's cursor per cluster). */
  afterScanId?: number;
  /** Events with a greater id. */
  afterId?: number;
  since?: number;
  kinds?: EventKind[];
  limit?: number;
}

export type TransitionView = EventView &
  Pick<FindingView, 'fingerprint' | 'check' | 'category' | 'object' | 'path' | 'message'>;

export type CountDimension = 'cluster' | 'severity' | 'category' | 'namespace' | 'check' | 'kind';
const DIMENSION_COLUMNS = {
  cluster: 'cluster',
  severity: 'severity',
  category: 'category',
  namespace: 'namespace',
  check: 'check_id',
  kind: 'kind',
} as const;

export async function clusters(db: Kysely<Database>): Promise<ClusterSummary[]> {
  const names = await db.selectFrom('scans').select('cluster').distinct().orderBy('cluster').execute();
  if (names.length === 0) return [];
  // Naming the clusters lets both engines count from the (cluster, state, severity) index alone, in group order;
  // on state alone they chose a state-first index and sorted (decision 0062).
  const counts = await db
    .selectFrom('findings')
    .select(['cluster', 'state', 'severity', (eb) => eb.fn.countAll<number>().as('n')])
    .where(
      'cluster',
      'in',
      names.map((n) => n.cluster),
    )
    .where('state', 'in', ['open', 'suppressed'])
    .groupBy(['cluster', 'state', 'severity'])
    .execute();
  const out: ClusterSummary[] = [];
  for (const { cluster } of names) {
    const [last] = await scans(db, { cluster, limit: 1 });
    const [completed] = await scans(db, { cluster, status: 'completed', limit: 1 });
    const open = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    let suppressed = 0;
    for (const c of counts) {
      if (c.cluster !== cluster) continue;
      if (c.state === 'open') open[c.severity as Severity] = Number(c.n);
      else suppressed += Number(c.n);
    }
    out.push({ cluster, lastScan: last ?? null, lastCompleted: completed ?? null, open, suppressed });
  }
  return out;
}

export async function scans(db: Kysely<Database>, query: ScanQuery = {}): Promise<ScanView[]> {
  let q = db.selectFrom('scans').selectAll();
  if (query.cluster !== undefined) q = q.where('cluster', '=', query.cluster);
  if (query.status !== undefined) q = q.where('status', '=', query.status);
  if (query.before !== undefined) q = q.where('started_at', '<', query.before);
  if (query.since !== undefined) q = q.where('started_at', '>=', query.since);
  const rows = await q
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limitOf(query.limit))
    .execute();
  return rows.map(scanView);
}

export async function scan(db: Kysely<Database>, id: number): Promise<ScanView | undefined> {
  const row = await db.selectFrom('scans').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? scanView(row) : undefined;
}

export async function findings(
  db: Kysely<Database>,
  query: FindingQuery = {},
): Promise<{ total: number; items: FindingView[] }> {
  const filtered = applyFilter(db.selectFrom('findings'), query, await teamScope(db, query));
  const total = await filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const order = query.order ?? (query.sort === 'last-seen' ? 'desc' : 'asc');
  let q = filtered.selectAll();
  switch (query.sort ?? 'severity') {
    case 'severity':
      q = q.orderBy('severity_rank', order).orderBy('opened_at', 'asc');
      break;
    case 'opened':
      q = q.orderBy('opened_at', order);
      break;
    case 'last-seen':
      q = q.orderBy('last_seen_at', order);
      break;
    case 'namespace':
      q = q.orderBy('namespace', order).orderBy('name', 'asc');
      break;
    case 'check':
      q = q.orderBy('check_id', order).orderBy('severity_rank', 'asc');
      break;
    case 'name':
      q = q.orderBy('name', order).orderBy('namespace', 'asc');
      break;
  }
  const rows = await q
    .orderBy('id', 'asc')
    .limit(limitOf(query.limit))
    .offset(Math.max(0, query.offset ?? 0))
    .execute();
  return { total: Number(total.n), items: rows.map(findingView) };
}

/** One finding with its timeline (every event, oldest first). */
export async function finding(
  db: Kysely<Database>,
  cluster: string,
  fingerprint: string,
): Promise<(FindingView & { events: EventView[] }) | undefined> {
  const row = await db
    .selectFrom('findings')
    .selectAll()
    .where('cluster', '=', cluster)
    .where('fingerprint', '=', fingerprint)
    .executeTakeFirst();
  if (!row) return undefined;
  const events = await db
    .selectFrom('finding_events')
    .selectAll()
    .where('finding_id', '=', row.id)
    .orderBy('at', 'asc')
    .orderBy('id', 'asc')
    .limit(MAX_LIMIT)
    .execute();
  return { ...findingView(row), events: events.map(eventView) };
}

/** State changes, oldest first, with the finding they belong to: "what changed since". */
export async function transitions(
  db: Kysely<Database>,
  query: TransitionQuery = {},
): Promise<TransitionView[]> {
  let q = db
    .selectFrom('finding_events as e')
    .innerJoin('findings as f', 'f.id', 'e.finding_id')
    .selectAll('e')
    .select([
      'f.fingerprint',
      'f.check_id',
      'f.category',
      'f.api_version',
      'f.kind as object_kind',
      'f.namespace',
      'f.name',
      'f.path',
      'f.message',
    ]);
  if (query.cluster !== undefined) q = q.where('e.cluster', '=', query.cluster);
  if (query.afterScanId !== undefined) q = q.where('e.scan_id', '>', query.afterScanId);
  if (query.afterId !== undefined) q = q.where('e.id', '>', query.afterId);
  if (query.since !== undefined) q = q.where('e.at', '>=', query.since);
  if (query.kinds !== undefined && query.kinds.length > 0) q = q.where('e.kind', 'in', query.kinds);
  const rows = await q.orderBy('e.id', 'asc').limit(limitOf(query.limit)).execute();
  return rows.map((r) => ({
    ...eventView(r),
    fingerprint: r.fingerprint,
    check: r.check_id,
    category: r.category,
    object: objectRef(r.api_version, r.object_kind, r.namespace, r.name),
    path: r.path,
    message: r.message,
  }));
}

/** Counts of findings (open by default) grouped by the given dimensions, e.g. for /metrics. */
export async function openCounts(
  db: Kysely<Database>,
  by: CountDimension[],
  filter: FindingFilter = {},
): Promise<(Partial<Record<CountDimension, string>> & { count: number })[]> {
  const columns = by.map((d) => DIMENSION_COLUMNS[d]);
  const rows = await applyFilter(db.selectFrom('findings'), filter, await teamScope(db, filter))
    .select(columns)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .groupBy(columns)
    .execute();
  return rows.map((row) => {
    const out: Partial<Record<CountDimension, string>> & { count: number } = { count: Number(row.count) };
    for (const d of by) out[d] = (row as Record<string, unknown>)[DIMENSION_COLUMNS[d]] as string;
    return out;
  });
}

function applyFilter<O>(
  q: SelectQueryBuilder<Database, 'findings', O>,
  filter: FindingFilter,
  teams: Map<string, string[]> | undefined,
): SelectQueryBuilder<Database, 'findings', O> {
  const states: FindingState[] = filter.states && filter.states.length > 0 ? filter.states : ['open'];
  let out = q.where('state', 'in', states);
  if (teams)
    out = out.where((eb) =>
      eb.or(
        [...teams].map(([cluster, namespaces]) =>
          eb.and([eb('cluster', '=', cluster), eb('namespace', 'in', namespaces)]),
        ),
      ),
    );
  if (filter.cluster !== undefined) out = out.where('cluster', '=', filter.cluster);
  if (filter.severities?.length) out = out.where('severity', 'in', filter.severities);
  if (filter.namespaces?.length) out = out.where('namespace', 'in', filter.namespaces);
  if (filter.checks?.length) out = out.where('check_id', 'in', filter.checks);
  if (filter.categories?.length) out = out.where('category', 'in', filter.categories);
  if (filter.kinds?.length) out = out.where('kind', 'in', filter.kinds);
  if (filter.name) {
    const pattern = `%${filter.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // Tested on the (state, name) index alone, then the few matches read by id: as a plain condition both engines
    // walked the list-order index and read every open row to test its name (decision 0062, migration 0003).
    out = out.where('id', 'in', (eb) =>
      eb
        .selectFrom('findings as byname')
        .select('byname.id')
        .where('byname.state', 'in', states)
        .where(sql<boolean>`byname.name like ${pattern} escape ${'\\'}`),
    );
  }
  return out;
}

/** The namespaces per cluster that the filter's teams name (in each cluster's last completed scan). */
async function teamScope(
  db: Kysely<Database>,
  filter: FindingFilter,
): Promise<Map<string, string[]> | undefined> {
  if (!filter.teams?.length) return undefined;
  let q = db
    .selectFrom('scan_namespaces')
    .select(['cluster', 'namespace'])
    .where('scan_id', 'in', lastCompletedScans(db, filter.cluster))
    .where('team', 'in', filter.teams);
  if (filter.cluster !== undefined) q = q.where('cluster', '=', filter.cluster);
  const out = new Map<string, string[]>();
  for (const row of await q.execute()) out.set(row.cluster, [...(out.get(row.cluster) ?? []), row.namespace]);
  // No namespace of these teams: a filter that matches nothing (never "no filter").
  if (out.size === 0) out.set('', ['']);
  return out;
}

/** The id of each cluster's newest completed scan (ids grow with start time per cluster: the write fence). */
function lastCompletedScans(db: Kysely<Database>, cluster?: string) {
  let q = db
    .selectFrom('scans')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('status', '=', 'completed');
  if (cluster !== undefined) q = q.where('cluster', '=', cluster);
  return q.groupBy('cluster');
}

export interface NamespaceView {
  cluster: string;
  scanId: number;
  namespace: string;
  team: string | null;
  labels: Record<string, string>;
}

export interface CertificateView {
  cluster: string;
  scanId: number;
  /** '' for cluster-scoped objects. */
  namespace: string;
  kind: string;
  name: string;
  field: string;
  /** ms since the epoch: the earliest notAfter at that field. */
  notAfter: number;
}

export interface FactQuery {
  cluster?: string;
  /** One scan's facts; default: each cluster's last completed scan. */
  scanId?: number;
}

/** The namespaces a scan read (default: each cluster's last completed scan), by cluster and name. */
export async function namespaces(db: Kysely<Database>, query: FactQuery = {}): Promise<NamespaceView[]> {
  let q = db.selectFrom('scan_namespaces').selectAll();
  q =
    query.scanId !== undefined
      ? q.where('scan_id', '=', query.scanId)
      : q.where('scan_id', 'in', lastCompletedScans(db, query.cluster));
  if (query.cluster !== undefined) q = q.where('cluster', '=', query.cluster);
  const rows = await q.orderBy('cluster').orderBy('namespace').execute();
  return rows.map((r) => ({
    cluster: r.cluster,
    scanId: r.scan_id,
    namespace: r.namespace,
    team: r.team,
    labels: parseJson(r.labels, {}),
  }));
}

/** Certificate expiries a scan read (default: each cluster's last completed scan), soonest first. */
export async function certificates(db: Kysely<Database>, query: FactQuery = {}): Promise<CertificateView[]> {
  let q = db.selectFrom('scan_certificates').selectAll();
  q =
    query.scanId !== undefined
      ? q.where('scan_id', '=', query.scanId)
      : q.where('scan_id', 'in', lastCompletedScans(db, query.cluster));
  if (query.cluster !== undefined) q = q.where('cluster', '=', query.cluster);
  const rows = await q.orderBy('not_after').orderBy('id').execute();
  return rows.map((r) => ({
    cluster: r.cluster,
    scanId: r.scan_id,
    namespace: r.namespace,
    kind: r.kind,
    name: r.name,
    field: r.field,
    notAfter: Number(r.not_after),
  }));
}

function limitOf(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return 100;
  return Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit)));
}

export function scanView(row: ScanRow): ScanView {
  return {
    id: row.id,
    cluster: row.cluster,
    status: row.status,
    startedAt: Number(row.started_at),
    finishedAt: Number(row.finished_at),
    durationMs: Number(row.duration_ms),
    error: row.error,
    instance: row.instance,
    toolVersion: row.tool_version,
    coverage: { ...emptyCoverage(), ...parseJson(row.coverage, {}) },
    objects: row.objects,
    findings: row.findings,
    opened: row.opened,
    reopened: row.reopened,
    resolved: row.resolved,
    gone: row.gone,
    problems: parseJson(row.problems, []),
  };
}

export function findingView(row: FindingRow): FindingView {
  return {
    id: row.id,
    cluster: row.cluster,
    fingerprint: row.fingerprint,
    check: row.check_id,
    severity: row.severity as Severity,
    category: row.category,
    object: objectRef(row.api_version, row.kind, row.namespace, row.name),
    path: row.path,
    message: row.message,
    evidence: row.evidence ? parseJson(row.evidence, []) : [],
    state: row.state,
    suppression: row.suppressed_by
      ? { by: row.suppressed_by, reason: row.suppressed_reason, until: numberOrNull(row.suppressed_until) }
      : null,
    firstSeenAt: Number(row.first_seen_at),
    openedAt: Number(row.opened_at),
    lastSeenAt: Number(row.last_seen_at),
    lastVerifiedAt: Number(row.last_verified_at),
    stateSince: Number(row.state_since),
    episodes: row.episodes,
  };
}

function eventView(row: FindingEventRow): EventView {
  return {
    id: row.id,
    findingId: row.finding_id,
    cluster: row.cluster,
    scanId: row.scan_id,
    at: Number(row.at),
    openedAt: Number(row.opened_at),
    kind: row.kind,
    from: row.from_state,
    to: row.to_state,
    severity: row.severity as Severity,
    reason: row.reason,
  };
}

function objectRef(apiVersion: string, kind: string, namespace: string, name: string): ObjectRef {
  return namespace ? { apiVersion, kind, namespace, name } : { apiVersion, kind, name };
}

function numberOrNull(value: number | null): number | null {
  return value === null ? null : Number(value);
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
