// Opens the history database named by --database: a PostgreSQL URL, or a SQLite file (the default). Both behind
// one Kysely instance; failures to open become one clear message naming the database (never its password).

import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Failure } from '../core/failure.ts';
import { asKyselySqlite } from './node-sqlite.ts';
import type { Database } from './schema.ts';

export type Engine = 'sqlite' | 'postgres';

export interface Opened {
  db: Kysely<Database>;
  engine: Engine;
  /** The location as it may be printed: the file path, or the URL without its password. */
  label: string;
  /** PostgreSQL only: the pool, for session-scoped advisory locks on their own connections. */
  pool?: import('pg').Pool;
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** postgres://user:secret@host/db → postgres://user:***@host/db */
export function redactUrl(location: string): string {
  try {
    const url = new URL(location);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return location.replace(/:[^:@/]*@/, ':***@');
  }
}

export async function openDatabase(location: string): Promise<Opened> {
  if (isPostgresUrl(location)) return openPostgres(location);
  return openSqlite(location);
}

async function openSqlite(file: string): Promise<Opened> {
  const { DatabaseSync } = await import('node:sqlite');
  let sqlite: import('node:sqlite').DatabaseSync;
  try {
    // timeout: how long a statement waits for another process's write lock (the kpi command reading meanwhile).
    sqlite = new DatabaseSync(file, { timeout: 5000, enableForeignKeyConstraints: true });
    // WAL lets readers (kpi, the dashboard) read while serve writes; it also reads the header, so a file that is
    // not a database fails here, before anything is written.
    sqlite.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    throw new Failure(sqliteProblem(file, error));
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: asKyselySqlite(sqlite) }) });
  return { db, engine: 'sqlite', label: file };
}

/** SQLite's own words for a file it cannot use, turned into what to do about it. */
export function sqliteProblem(file: string, error: unknown): string {
  const e = error as { errcode?: number; errstr?: string; message?: string };
  // SQLITE_CORRUPT (11) and SQLITE_NOTADB (26): the file is there but is not a usable database.
  if (e.errcode === 11 || e.errcode === 26)
    return `the history database "${file}" is damaged or is not a SQLite database (${e.errstr ?? e.message}): shipshape leaves it untouched; move it aside (or restore a backup) and start again to begin a new history`;
  if (e.errcode === 14)
    return `cannot open the history database "${file}": ${e.errstr ?? e.message} (does its folder exist and is it writable?)`;
  return `cannot use the history database "${file}": ${e.message ?? String(error)}`;
}

async function openPostgres(location: string): Promise<Opened> {
  const { default: pg } = await import('pg');
  const label = redactUrl(location);
  const pool = new pg.Pool({
    connectionString: location,
    max: 8,
    connectionTimeoutMillis: 10_000,
    // bigint columns hold millisecond times and counts, well inside Number's exact range.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as never,
    },
  });
  // A connection that loses its server (a restart, a network cut) must not crash the process with an unhandled
  // 'error' event, idle in the pool or checked out: the query running on it fails, and that failure is handled.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new Failure(`cannot connect to the history database ${label}: ${(error as Error).message}`);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', label, pool };
}
