// Writes one scan into the history in one transaction: the scan row, new findings, state changes and their
// events. Either all of it is stored or none (a database that goes away mid-write loses nothing and stores
// nothing twice: the caller keeps the result and tries again).
import { createHash } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import { append } from '../core/append.ts';
import { Failure } from '../core/failure.ts';
import { isSeverity, SEVERITIES, severityRank } from '../core/severity.ts';
import type { Coverage } from './coverage.ts';
import {
  type CurrentFinding,
  type Observation,
  type PlannedEvent,
  planScan,
  type ScanFacts,
} from './lifecycle.ts';
import type { Engine } from './open.ts';
import { recordRollouts } from './rollouts.ts';
import type { Database, NewEvent, NewFinding } from './schema.ts';

export interface ScanMeta {
  cluster: string;
  startedAt: number;
  finishedAt: number;
  instance: string;
  toolVersion: string;
  objects: number;
  problems: string[];
}

export interface Recorded {
  scanId: number;
  counts: { opened: number; reopened: number; resolved: number; gone: number };
}

/** A newer scan of the cluster is already stored (another instance took over): this one adds nothing. */
export class StaleScanError extends Failure {
  override name = 'StaleScanError';
}

const BATCH = 500;
const PROBLEMS_KEPT = 200;

export async function recordScan(
  db: Kysely<Database>,
  engine: Engine,
  meta: ScanMeta,
  observation: Observation,
): Promise<Recorded> {
  return db.transaction().execute(async (trx) => {
    await fence(trx, engine, meta.cluster, meta.startedAt);
    const current = (await trx
      .selectFrom('findings')
      .select([
        'id',
        'fingerprint',
        'check_id',
        'severity',
        'api_version',
        'kind',
        'namespace',
        'name',
        'message',
        'evidence',
        'state',
        'suppressed_by',
        'suppressed_reason',
        'suppressed_until',
        'opened_at',
        'opened_version',
        'episodes',
      ])
      .where('cluster', '=', meta.cluster)
      .orderBy('id')
      .execute()) as CurrentFinding[];
    const plan = planScan(current, observation);
    const scanId = await insertScan(
      trx,
      meta,
      observation.coverage,
      observation.findings.length,
      plan.counts,
    );
    const at = observation.at;
    const events: NewEvent[] = [];
    const event = (findingId: number, e: PlannedEvent): NewEvent => ({
      finding_id: findingId,
      cluster: meta.cluster,
      scan_id: scanId,
      at,
      opened_at: e.openedAt,
      kind: e.kind,
      from_state: e.from,
      to_state: e.to,
      severity: e.severity,
      reason: e.reason,
    });

    for (let i = 0; i < plan.inserts.length; i += BATCH) {
      const batch = plan.inserts.slice(i, i + BATCH);
      const rows: NewFinding[] = batch.map(
        ({ finding: f, state, suppressedBy, suppressedReason, openedVersion }) => ({
          cluster: meta.cluster,
          fingerprint: f.fingerprint,
          check_id: f.check,
          severity: f.severity,
          severity_rank: rankOf(f.severity),
          category: f.category,
          api_version: f.object.apiVersion,
          kind: f.object.kind,
          namespace: f.object.namespace ?? '',
          name: f.object.name,
          path: f.path ?? '',
          message: f.message,
          evidence: f.evidence && f.evidence.length > 0 ? JSON.stringify(f.evidence) : null,
          state,
          suppressed_by: suppressedBy,
          suppressed_reason: suppressedReason,
          suppressed_until: null,
          first_seen_at: at,
          opened_at: at,
          last_seen_at: at,
          last_verified_at: at,
          last_scan_id: scanId,
          state_since: at,
          opened_version: openedVersion,
          episodes: 1,
        }),
      );
      const ids = await trx.insertInto('findings').values(rows).returning(['id', 'fingerprint']).execute();
      const byPrint = new Map(ids.map((r) => [r.fingerprint, r.id]));
      for (const insert of batch) events.push(event(byPrint.get(insert.finding.fingerprint)!, insert.event));
    }

    for (const change of plan.changes) {
      const set = change.seen
        ? { ...change.set, last_seen_at: at, last_verified_at: at, last_scan_id: scanId }
        : { ...change.set };
      if (set.severity !== undefined) set.severity_rank = rankOf(set.severity);
      await trx.updateTable('findings').set(set).where('id', '=', change.id).execute();
      for (const e of change.events) events.push(event(change.id, e));
    }

    for (let i = 0; i < plan.seen.length; i += BATCH) {
      await trx
        .updateTable('findings')
        .set({ last_seen_at: at, last_verified_at: at, last_scan_id: scanId })
        .where('id', 'in', plan.seen.slice(i, i + BATCH))
        .execute();
    }
    for (let i = 0; i < events.length; i += BATCH)
      await trx
        .insertInto('finding_events')
        .values(events.slice(i, i + BATCH))
        .execute();
    await insertFacts(trx, scanId, meta.cluster, observation.facts);
    await recordRollouts(trx, meta.cluster, scanId, at, observation.facts?.rollouts ?? []);
    return { scanId, counts: plan.counts };
  });
}

/** The namespaces and certificate expiries the scan read, for per-team views and /metrics (migration 0002). */
async function insertFacts(
  trx: Transaction<Database>,
  scanId: number,
  cluster: string,
  facts: ScanFacts | undefined,
): Promise<void> {
  if (!facts) return;
  const namespaces = facts.namespaces.map((n) => ({
    scan_id: scanId,
    cluster,
    namespace: n.namespace,
    team: n.team,
    labels: JSON.stringify(n.labels),
  }));
  for (let i = 0; i < namespaces.length; i += BATCH)
    await trx
      .insertInto('scan_namespaces')
      .values(namespaces.slice(i, i + BATCH))
      .execute();
  const certificates = facts.certificates.map((c) => ({
    scan_id: scanId,
    cluster,
    namespace: c.namespace,
    kind: c.kind,
    name: c.name,
    field: c.field,
    not_after: c.notAfter,
  }));
  for (let i = 0; i < certificates.length; i += BATCH)
    await trx
      .insertInto('scan_certificates')
      .values(certificates.slice(i, i + BATCH))
      .execute();
}

/** The stored sort key: the severity's place in SEVERITIES, unknown ones last. */
function rankOf(severity: string): number {
  return isSeverity(severity) ? severityRank(severity) : SEVERITIES.length;
}

/** A scan that could not finish: stored with its reason, and nothing about any finding changes. */
export async function recordFailedScan(
  db: Kysely<Database>,
  engine: Engine,
  meta: ScanMeta,
  error: string,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await fence(trx, engine, meta.cluster, meta.startedAt);
    const row = await trx
      .insertInto('scans')
      .values({
        ...scanColumns(meta),
        status: 'failed',
        error,
        coverage: '{}',
        findings: 0,
        opened: 0,
        reopened: 0,
        resolved: 0,
        gone: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

/**
 * One writer per cluster at a time (PostgreSQL: a transaction-scoped advisory lock on the cluster; SQLite has one
 * writer anyway), and never a scan older than one already stored: an instance that lost its lock mid-scan while
 * another took over cannot write its older view over the newer one.
 */
async function fence(
  trx: Transaction<Database>,
  engine: Engine,
  cluster: string,
  startedAt: number,
): Promise<void> {
  if (engine === 'postgres')
    await sql`SELECT pg_advisory_xact_lock(${advisoryKey(`record:${cluster}`)})`.execute(trx);
  const newest = await trx
    .selectFrom('scans')
    .select((eb) => eb.fn.max('started_at').as('at'))
    .where('cluster', '=', cluster)
    .executeTakeFirst();
  const at = newest?.at === null || newest?.at === undefined ? undefined : Number(newest.at);
  if (at !== undefined && at >= startedAt)
    throw new StaleScanError(
      `a scan of cluster "${cluster}" that started at ${new Date(at).toISOString()} is already recorded; this one (started ${new Date(startedAt).toISOString()}) is older and is not recorded`,
    );
}

async function insertScan(
  trx: Transaction<Database>,
  meta: ScanMeta,
  coverage: Coverage,
  findings: number,
  counts: Recorded['counts'],
): Promise<number> {
  const row = await trx
    .insertInto('scans')
    .values({
      ...scanColumns(meta),
      status: 'completed',
      error: null,
      coverage: JSON.stringify(coverage),
      findings,
      ...counts,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function scanColumns(meta: ScanMeta) {
  const problems: string[] = [];
  append(problems, meta.problems.slice(0, PROBLEMS_KEPT));
  if (meta.problems.length > PROBLEMS_KEPT)
    problems.push(`… and ${meta.problems.length - PROBLEMS_KEPT} more`);
  return {
    cluster: meta.cluster,
    started_at: meta.startedAt,
    finished_at: meta.finishedAt,
    duration_ms: meta.finishedAt - meta.startedAt,
    instance: meta.instance,
    tool_version: meta.toolVersion,
    objects: meta.objects,
    problems: JSON.stringify(problems),
  };
}

/** A signed 64-bit key for PostgreSQL's advisory lock functions, from a name (the first 8 bytes of its SHA-256). */
export function advisoryKey(name: string): string {
  return createHash('sha256').update(`shipshape:${name}`).digest().readBigInt64BE(0).toString();
}
