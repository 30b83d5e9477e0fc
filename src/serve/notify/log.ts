// The send log as a table of the history database, so a restarted serve resumes after the last event each
// channel received instead of sending it again. Its schema has its own migration list and migration table
// (Kysely's Migrator keeps them apart from the history's), created on first use. Decision 0062.
import { type Generated, type Kysely, PostgresAdapter } from 'kysely';
import { type Migration, Migrator } from 'kysely/migration';
import type { HistoryStore } from '../../store/store.ts';
import type { SendLog, SendLogEntry } from './notifier.ts';

interface NotificationLogTable {
  id: Generated<number>;
  channel: string;
  cluster: string;
  msg_key: string;
  last_event_id: number;
  failing: number;
  ok: number;
  attempts: number;
  status: number | null;
  error: string | null;
  at: number;
}

interface LogDatabase {
  notification_log: NotificationLogTable;
}

const MIGRATIONS: Record<string, Migration> = {
  '0001-notification-log': {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run on the database as it was.
    async up(db: Kysely<any>) {
      const table = db.schema.createTable('notification_log');
      const withId =
        db.getExecutor().adapter instanceof PostgresAdapter
          ? table.addColumn('id', 'serial', (c) => c.primaryKey())
          : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
      await withId
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('cluster', 'text', (c) => c.notNull())
        .addColumn('msg_key', 'text', (c) => c.notNull())
        .addColumn('last_event_id', 'bigint', (c) => c.notNull())
        .addColumn('failing', 'integer', (c) => c.notNull())
        .addColumn('ok', 'integer', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('status', 'integer')
        .addColumn('error', 'text')
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('notification_log_channel')
        .on('notification_log')
        .columns(['channel', 'ok', 'last_event_id'])
        .execute();
    },
  },
};

export class DatabaseSendLog implements SendLog {
  readonly #db: Kysely<LogDatabase>;
  private constructor(db: Kysely<LogDatabase>) {
    this.#db = db;
  }

  static async open(store: HistoryStore): Promise<DatabaseSendLog> {
    const db = store.db as unknown as Kysely<LogDatabase>;
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => MIGRATIONS },
      migrationTableName: 'notification_migration',
      migrationLockTableName: 'notification_migration_lock',
    });
    const { error } = await migrator.migrateToLatest();
    if (error)
      throw new Error(`cannot create the notification send log: ${(error as Error).message ?? error}`);
    return new DatabaseSendLog(db);
  }

  async cursor(channel: string): Promise<number> {
    const row = await this.#db
      .selectFrom('notification_log')
      .select((eb) => eb.fn.max('last_event_id').as('cursor'))
      .where('channel', '=', channel)
      .where('ok', '=', 1)
      .executeTakeFirst();
    return Number(row?.cursor ?? 0);
  }

  async failingAnnounced(channel: string): Promise<Set<string>> {
    // The newest delivered row per cluster says whether its failing scans were announced.
    const rows = await this.#db
      .selectFrom('notification_log')
      .select(['cluster', 'failing'])
      .where('channel', '=', channel)
      .where('ok', '=', 1)
      .where('cluster', '!=', '')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('notification_log')
          .select((e) => e.fn.max('id').as('id'))
          .where('channel', '=', channel)
          .where('ok', '=', 1)
          .where('cluster', '!=', '')
          .groupBy('cluster'),
      )
      .execute();
    return new Set(rows.filter((r) => Number(r.failing) === 1).map((r) => r.cluster));
  }

  async record(entry: SendLogEntry): Promise<void> {
    await this.#db
      .insertInto('notification_log')
      .values({
        channel: entry.channel,
        cluster: entry.cluster,
        msg_key: entry.key,
        last_event_id: entry.lastEventId,
        failing: entry.failing ? 1 : 0,
        ok: entry.ok ? 1 : 0,
        attempts: entry.attempts,
        status: entry.status ?? null,
        error: entry.error ?? null,
        at: entry.at,
      })
      .execute();
  }

  /** The newest entries, for the dashboard and tests. */
  async entries(limit = 100): Promise<SendLogEntry[]> {
    const rows = await this.#db
      .selectFrom('notification_log')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(Math.min(limit, 1000))
      .execute();
    return rows.map((r) => ({
      channel: r.channel,
      cluster: r.cluster,
      key: r.msg_key,
      lastEventId: Number(r.last_event_id),
      failing: Number(r.failing) === 1,
      ok: Number(r.ok) === 1,
      attempts: Number(r.attempts),
      ...(r.status !== null ? { status: Number(r.status) } : {}),
      ...(r.error !== null ? { error: r.error } : {}),
      at: Number(r.at),
    }));
  }
}
