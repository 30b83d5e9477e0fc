// The one column the two engines spell differently: an auto-numbered primary key (PostgreSQL's serial, SQLite's
// INTEGER PRIMARY KEY AUTOINCREMENT). Kysely's documentation shows exactly this split; everything else is shared.
import { type CreateTableBuilder, type Kysely, PostgresAdapter } from 'kysely';

export function idColumn<T extends string>(
  // biome-ignore lint/suspicious/noExplicitAny: migrations run on the database as it was.
  db: Kysely<any>,
  table: CreateTableBuilder<T, never>,
): CreateTableBuilder<T, 'id'> {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
