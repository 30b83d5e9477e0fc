// Version 4: indexes for the dashboard's heaviest reads over a large history (decision 0062, measured with
// bench/serve-dashboard.ts at 100k findings × 30 scans). Without them both engines answered the per-namespace
// and per-cluster counts, a namespace filter without a cluster, and the name search by walking the
// (state, severity_rank) index and reading every open row from the table.
// - (state, cluster, namespace, severity): open counts per cluster, namespace and severity read from the index
//   alone (overview, namespaces, teams, /metrics);
// - (state, name): the name search tests the name on index entries, never on table rows;
// - (namespace, state, severity_rank, opened_at, id): one namespace's findings in list order, in any cluster.
// Never edit a released migration: add the next one.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run on the database as it was, not on today's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('findings_state_cluster_namespace')
    .on('findings')
    .columns(['state', 'cluster', 'namespace', 'severity'])
    .execute();
  await db.schema.createIndex('findings_state_name').on('findings').columns(['state', 'name']).execute();
  await db.schema
    .createIndex('findings_namespace_rank')
    .on('findings')
    .columns(['namespace', 'state', 'severity_rank', 'opened_at', 'id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('findings_namespace_rank').execute();
  await db.schema.dropIndex('findings_state_name').execute();
  await db.schema.dropIndex('findings_state_cluster_namespace').execute();
}
