// Version 1 of the history: scans, the current state of each finding, and every transition. Never edit a
// released migration: add the next one (decision 0057). Column types are the names both engines accept.
import type { Kysely } from 'kysely';
import { idColumn } from './id-column.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations run on the database as it was, not on today's types.
export async function up(db: Kysely<any>): Promise<void> {
  await idColumn(db, db.schema.createTable('scans'))
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint', (c) => c.notNull())
    .addColumn('duration_ms', 'bigint', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('instance', 'text', (c) => c.notNull())
    .addColumn('tool_version', 'text', (c) => c.notNull())
    .addColumn('coverage', 'text', (c) => c.notNull())
    .addColumn('objects', 'integer', (c) => c.notNull())
    .addColumn('findings', 'integer', (c) => c.notNull())
    .addColumn('opened', 'integer', (c) => c.notNull())
    .addColumn('reopened', 'integer', (c) => c.notNull())
    .addColumn('resolved', 'integer', (c) => c.notNull())
    .addColumn('gone', 'integer', (c) => c.notNull())
    .addColumn('problems', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('scans_cluster_started')
    .on('scans')
    .columns(['cluster', 'started_at'])
    .execute();

  await idColumn(db, db.schema.createTable('findings'))
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('check_id', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('api_version', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('suppressed_by', 'text')
    .addColumn('suppressed_reason', 'text')
    .addColumn('suppressed_until', 'bigint')
    .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('last_verified_at', 'bigint', (c) => c.notNull())
    .addColumn('last_scan_id', 'integer', (c) => c.notNull())
    .addColumn('state_since', 'bigint', (c) => c.notNull())
    .addColumn('opened_version', 'text')
    .addColumn('episodes', 'integer', (c) => c.notNull())
    .addUniqueConstraint('findings_cluster_fingerprint', ['cluster', 'fingerprint'])
    .execute();
  await db.schema
    .createIndex('findings_cluster_state')
    .on('findings')
    .columns(['cluster', 'state', 'severity'])
    .execute();
  await db.schema
    .createIndex('findings_namespace')
    .on('findings')
    .columns(['cluster', 'namespace', 'state'])
    .execute();
  await db.schema.createIndex('findings_check').on('findings').columns(['check_id', 'state']).execute();

  await idColumn(db, db.schema.createTable('finding_events'))
    .addColumn('finding_id', 'integer', (c) => c.notNull().references('findings.id').onDelete('cascade'))
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('scan_id', 'integer')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .execute();
  await db.schema
    .createIndex('finding_events_finding')
    .on('finding_events')
    .columns(['finding_id', 'at'])
    .execute();
  await db.schema
    .createIndex('finding_events_cluster_scan')
    .on('finding_events')
    .columns(['cluster', 'scan_id'])
    .execute();
  await db.schema.createIndex('finding_events_at').on('finding_events').columns(['at', 'kind']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('finding_events').execute();
  await db.schema.dropTable('findings').execute();
  await db.schema.dropTable('scans').execute();
}
