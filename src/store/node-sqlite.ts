// Node's built-in SQLite (node:sqlite) behind Kysely's own SqliteDialect: the dialect asks for a database object
// shaped like better-sqlite3's (SqliteDatabase, documented in Kysely's SqliteDialectConfig); node:sqlite differs
// in two ways only, bridged here: statements take their parameters spread, and a statement tells whether it
// returns rows through columns() instead of a `reader` flag. Everything else (SQL, migrations) is Kysely's.
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

export function asKyselySqlite(db: DatabaseSync): SqliteDatabase {
  return {
    close: () => db.close(),
    prepare: (sql: string): SqliteStatement => statement(db.prepare(sql)),
  };
}

function statement(stmt: StatementSync): SqliteStatement {
  return {
    // INSERT … RETURNING has columns too: Kysely then reads its rows with all().
    reader: stmt.columns().length > 0,
    all: (parameters) => bind(stmt.all.bind(stmt), parameters),
    run: (parameters) => bind(stmt.run.bind(stmt), parameters),
    iterate: (parameters) => bind(stmt.iterate.bind(stmt), parameters),
  };
}

function bind<T>(fn: (...values: SQLInputValue[]) => T, parameters: ReadonlyArray<unknown>): T {
  return fn(...parameters.map(toInput));
}

/** node:sqlite binds numbers, bigints, strings, null and bytes; booleans become 0/1 as SQLite stores them. */
function toInput(value: unknown): SQLInputValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  return value as SQLInputValue;
}
