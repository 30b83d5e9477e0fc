// The findings history: open it (migrating to this version's schema), record scans, suppress findings, prune
// old history, and read it back (read.ts holds the queries the dashboard, metrics and notifications use).
// docs/history-store.md describes this API; decision 0057 the lifecycle rules.
import type { Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { Failure } from '../core/failure.ts';
import { computeKpis, type FindingKpis } from './kpi.ts';
import type { Observation } from './lifecycle.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { type Engine, openDatabase, sqliteProblem } from './open.ts';
import * as read from './read.ts';
import { type Recorded, recordFailedScan, recordScan, type ScanMeta } from './record.ts';
import { computeDelivery, type DeliveryKpis } from './rollouts.ts';
import type { Database, FindingState } from './schema.ts';

export type Kpis = FindingKpis & { delivery: DeliveryKpis };

export class HistoryStore {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  readonly label: string;
  readonly pool: import('pg').Pool | undefined;

  private constructor(opened: Awaited<ReturnType<typeof openDatabase>>) {
    this.db = opened.db;
    this.engine = opened.engine;
    this.label = opened.label;
    this.pool = opened.pool;
  }

  /** Opens the database and brings its schema to this version (migrations run on start). */
  static async open(location: string, options: { migrate?: boolean } = {}): Promise<HistoryStore> {
    const store = new HistoryStore(await openDatabase(location));
    if (options.migrate !== false) {
      try {
        await store.migrate();
      } catch (error) {
        await store.close();
        throw error;
      }
    }
    return store;
  }

  /** Runs the migrations this database lacks (up to `target`, default all). Several instances may start at once. */
  async migrate(target?: string): Promise<string[]> {
    const migrator = new Migrator({
      db: this.db,
      provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
    });
    const { error, results } = target ? await migrator.migrateTo(target) : await migrator.migrateToLatest();
    if (error) {
      const message = (error as Error).message ?? String(error);
      if (message.includes('previously executed migration') && message.includes('is missing'))
        throw new Failure(
          `the history database ${this.label} was written by a newer shipshape (${message}): upgrade shipshape, or use another database`,
        );
      if (this.engine === 'sqlite' && (error as { errcode?: number }).errcode !== undefined)
        throw new Failure(sqliteProblem(this.label, error));
      throw new Failure(`cannot migrate the history database ${this.label}: ${message}`);
    }
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  }

  recordScan(meta: ScanMeta, observation: Observation): Promise<Recorded> {
    return recordScan(this.db, this.engine, meta, observation);
  }

  recordFailedScan(meta: ScanMeta, error: string): Promise<number> {
    return recordFailedScan(this.db, this.engine, meta, error);
  }

  /**
   * A user silences a finding (until a time, or for good) or lifts that. Recorded as an event without a scan.
   * Returns false when no such finding exists.
   */
  async suppress(
    cluster: string,
    fingerprint: string,
    how: { reason: string; until?: number; by?: string } | null,
    at = Date.now(),
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('findings')
        .select(['id', 'state', 'severity', 'suppressed_by', 'opened_at'])
        .where('cluster', '=', cluster)
        .where('fingerprint', '=', fingerprint)
        .executeTakeFirst();
      if (!row) return false;
      const active = row.state === 'open' || row.state === 'suppressed';
      let to: FindingState = row.state;
      if (how) {
        await trx
          .updateTable('findings')
          .set({ suppressed_by: 'user', suppressed_reason: how.reason, suppressed_until: how.until ?? null })
          .where('id', '=', row.id)
          .execute();
        if (active) to = 'suppressed';
      } else {
        if (row.suppressed_by !== 'user') return true;
        await trx
          .updateTable('findings')
          .set({ suppressed_by: null, suppressed_reason: null, suppressed_until: null })
          .where('id', '=', row.id)
          .execute();
        if (row.state === 'suppressed') to = 'open';
      }
      if (to !== row.state) {
        await trx
          .updateTable('findings')
          .set({ state: to, state_since: at })
          .where('id', '=', row.id)
          .execute();
        await trx
          .insertInto('finding_events')
          .values({
            finding_id: row.id,
            cluster,
            scan_id: null,
            at,
            opened_at: row.opened_at,
            kind: to === 'suppressed' ? 'suppressed' : 'unsuppressed',
            from_state: row.state,
            to_state: to,
            severity: row.severity,
            reason: how ? `${how.by ? `${how.by}: ` : ''}${how.reason}` : null,
          })
          .execute();
      }
      return true;
    });
  }

  /**
   * Retention: drops scans older than `before` (ms) and the events they made; a finding resolved or gone before
   * then, with nothing newer, goes with its events. Open and suppressed findings are never dropped.
   */
  async prune(before: number): Promise<{ scans: number; findings: number; events: number }> {
    return this.db.transaction().execute(async (trx) => {
      const findings = await trx
        .deleteFrom('findings')
        .where('state', 'in', ['resolved', 'gone'])
        .where('state_since', '<', before)
        .executeTakeFirst();
      const events = await trx.deleteFrom('finding_events').where('at', '<', before).executeTakeFirst();
      const old = trx.selectFrom('scans').select('id').where('started_at', '<', before);
      await trx.deleteFrom('scan_namespaces').where('scan_id', 'in', old).execute();
      await trx.deleteFrom('scan_certificates').where('scan_id', 'in', old).execute();
      await trx.deleteFrom('rollouts').where('at', '<', before).execute();
      const scans = await trx.deleteFrom('scans').where('started_at', '<', before).executeTakeFirst();
      return {
        scans: Number(scans.numDeletedRows),
        findings: Number(findings.numDeletedRows),
        events: Number(events.numDeletedRows),
      };
    });
  }

  // The read API (docs/history-store.md).
  clusters() {
    return read.clusters(this.db);
  }
  scans(query: read.ScanQuery = {}) {
    return read.scans(this.db, query);
  }
  scan(id: number) {
    return read.scan(this.db, id);
  }
  findings(query: read.FindingQuery = {}) {
    return read.findings(this.db, query);
  }
  finding(cluster: string, fingerprint: string) {
    return read.finding(this.db, cluster, fingerprint);
  }
  transitions(query: read.TransitionQuery = {}) {
    return read.transitions(this.db, query);
  }
  openCounts(by: read.CountDimension[], query: read.FindingFilter = {}) {
    return read.openCounts(this.db, by, query);
  }
  namespaces(query: read.FactQuery = {}) {
    return read.namespaces(this.db, query);
  }
  certificates(query: read.FactQuery = {}) {
    return read.certificates(this.db, query);
  }
  /** Finding and delivery KPIs for [from, to] (docs/kpis.md); SLA per severity in ms. */
  async kpis(options: Parameters<typeof computeKpis>[1]): Promise<Kpis> {
    const [findings, delivery] = await Promise.all([
      computeKpis(this.db, options),
      computeDelivery(this.db, options),
    ]);
    return { ...findings, delivery };
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
