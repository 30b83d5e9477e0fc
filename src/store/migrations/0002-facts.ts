// Version 2: what the dashboard, /metrics and per-team views read besides findings (decision 0059).
// - findings.severity_rank, stored (0 = most severe, SEVERITIES order) with indexes in the list's default order,
//   so the findings list no longer sorts 100k rows on a computed CASE;
// - scan_namespaces: every namespace a completed scan read, its labels and the team a configured label names;
// - scan_certificates: the earliest notAfter of every certificate field the scan read (never the certificate).
// Never edit a released migration: add the next one.
import { type Kysely, sql } from 'kysely';
import { idColumn } from './id-column.ts';

/** The severities in rank order as they were when this migration was written (core/severity.ts). */
const RANKED = ['critical', 'high', 'medium', 'low', 'info'];

// biome-ignore lint/suspicious/noExplicitAny: migrations run on the database as it was, not on today's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('findings')
    .addColumn('severity_rank', 'integer', (c) => c.notNull().defaultTo(RANKED.length))
    .execute();
  await db
    .updateTable('findings')
    .set({
      severity_rank: sql`case severity ${sql.join(
        RANKED.map((s, i) => sql`when ${sql.lit(s)} then ${sql.lit(i)}`),
        sql` `,
      )} else ${sql.lit(RANKED.length)} end`,
    })
    .execute();
  await db.schema
    .createIndex('findings_state_rank')
    .on('findings')
    .columns(['state', 'severity_rank', 'opened_at', 'id'])
    .execute();
  await db.schema
    .createIndex('findings_cluster_state_rank')
    .on('findings')
    .columns(['cluster', 'state', 'severity_rank', 'opened_at', 'id'])
    .execute();

  await idColumn(db, db.schema.createTable('scan_namespaces'))
    .addColumn('scan_id', 'integer', (c) => c.notNull().references('scans.id').onDelete('cascade'))
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('team', 'text')
    .addColumn('labels', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('scan_namespaces_scan')
    .on('scan_namespaces')
    .columns(['scan_id', 'namespace'])
    .execute();
  await db.schema
    .createIndex('scan_namespaces_team')
    .on('scan_namespaces')
    .columns(['cluster', 'team', 'scan_id'])
    .execute();

  await idColumn(db, db.schema.createTable('scan_certificates'))
    .addColumn('scan_id', 'integer', (c) => c.notNull().references('scans.id').onDelete('cascade'))
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('not_after', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('scan_certificates_scan')
    .on('scan_certificates')
    .columns(['scan_id', 'not_after'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('scan_certificates').execute();
  await db.schema.dropTable('scan_namespaces').execute();
  await db.schema.dropIndex('findings_cluster_state_rank').execute();
  await db.schema.dropIndex('findings_state_rank').execute();
  await db.schema.alterTable('findings').dropColumn('severity_rank').execute();
}
