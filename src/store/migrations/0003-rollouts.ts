// Version 3: the cluster's own change history, recorded continuously because the cluster forgets it (ReplicaSets
// and ControllerRevisions beyond revisionHistoryLimit are deleted, Helm keeps --history-max releases): one row per
// revision of a workload or Helm release, for the delivery KPIs (docs/kpis.md, decision 0059).
// Never edit a released migration: add the next one.
import type { Kysely } from 'kysely';
import { idColumn } from './id-column.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations run on the database as it was, not on today's types.
export async function up(db: Kysely<any>): Promise<void> {
  await idColumn(db, db.schema.createTable('rollouts'))
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('template', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('at_observed', 'integer', (c) => c.notNull())
    .addColumn('status', 'text')
    .addColumn('rollback_of', 'integer')
    .addColumn('first_scan_id', 'integer', (c) => c.notNull())
    .addUniqueConstraint('rollouts_revision', ['cluster', 'kind', 'namespace', 'name', 'revision'])
    .execute();
  await db.schema.createIndex('rollouts_cluster_at').on('rollouts').columns(['cluster', 'at']).execute();
  await db.schema.createIndex('rollouts_at').on('rollouts').columns(['at']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rollouts').execute();
}
