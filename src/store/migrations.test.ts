// Upgrading a history written by an earlier shipshape, with data in it, on SQLite and a real PostgreSQL server.
// For every earlier schema version: a reference history is recorded at today's version; a second database is
// migrated only up to the earlier version and given the same rows, in the columns that version had; then it is
// migrated on open as serve does. Every row of every table must come out as the reference has it (new columns
// back-filled to the values a fresh write gives), and the upgraded history must keep recording.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { forEachEngine } from '../../test/support/engines.ts';
import { DAY, meta, observation, type ScanSpec, T0 } from '../../test/support/history-fixtures.ts';
import { history, SCANS } from '../../test/support/lifecycle-sequence.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { HistoryStore } from './store.ts';

/** Every table, parents first (rows are copied in this order). A new table must be added here. */
const TABLES = [
  'scans',
  'findings',
  'finding_events',
  'scan_namespaces',
  'scan_certificates',
  'rollouts',
] as const;
const VERSIONS = Object.keys(MIGRATIONS);

const LAST = SCANS.at(-1)!;
const NEXT: ScanSpec = { ...LAST, at: T0 + 8 * DAY };
const FACTS = {
  namespaces: [{ namespace: 'shop', labels: { team: 'storefront' }, team: 'storefront' }],
  certificates: [
    { namespace: 'shop', kind: 'Secret', name: 'tls', field: 'data.tls.crt', notAfter: T0 + 40 * DAY },
  ],
};

/** What a user of each version has: the lifecycle sequence, a failed scan, and (where stored) a scan's facts. */
async function record(store: HistoryStore): Promise<void> {
  await history(store);
  await store.recordFailedScan(
    meta('prod', { ...LAST, at: T0 + 6 * DAY + 1 }),
    'the API server did not answer',
  );
  const dev: ScanSpec = { ...SCANS[0]!, at: T0 + 7 * DAY };
  await store.recordScan(meta('dev', dev), { ...observation(dev), facts: FACTS });
}

async function rows(store: HistoryStore, table: (typeof TABLES)[number]) {
  return store.db.selectFrom(table).selectAll().orderBy('id').execute();
}

forEachEngine('history migrations', (engine) => {
  it('has a test table list that names every table of the schema', async () => {
    const store = await engine.open();
    try {
      const tables = (await store.db.introspection.getTables()).map((t) => t.name);
      assert.deepEqual(tables.sort(), [...TABLES].sort());
    } finally {
      await store.close();
    }
  });

  for (const version of VERSIONS.slice(0, -1)) {
    it(`upgrades a history written at ${version}, with data in it, without losing or changing a row`, async () => {
      const reference = await engine.open();
      const location = await engine.location();
      let old = await HistoryStore.open(location, { migrate: false });
      try {
        await record(reference);
        assert.deepEqual(await old.migrate(version), VERSIONS.slice(0, VERSIONS.indexOf(version) + 1));
        const then = await old.db.introspection.getTables();
        for (const table of TABLES) {
          const columns = then.find((t) => t.name === table)?.columns.map((c) => c.name);
          if (!columns) continue;
          const data = await reference.db
            .selectFrom(table)
            .select(columns as never[])
            .orderBy('id')
            .execute();
          for (let i = 0; i < data.length; i += 200)
            await old.db
              .insertInto(table)
              .values(data.slice(i, i + 200) as never[])
              .execute();
          if (engine.engine === 'postgres' && data.length > 0)
            await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), (SELECT max(id) FROM ${sql.table(table)}))`.execute(
              old.db,
            );
        }
        await old.close();

        // serve opens it: the missing migrations run.
        old = await HistoryStore.open(location);
        for (const table of TABLES) {
          const had = then.some((t) => t.name === table);
          if (had)
            assert.deepEqual(
              await rows(old, table),
              await rows(reference, table),
              `${table} after the upgrade`,
            );
          else assert.deepEqual(await rows(old, table), [], `${table} is new in a later version: empty`);
        }
        assert.deepEqual(
          (await old.findings({ cluster: 'prod', states: ['open', 'suppressed', 'resolved', 'gone'] })).items,
          (await reference.findings({ cluster: 'prod', states: ['open', 'suppressed', 'resolved', 'gone'] }))
            .items,
          'sorted on the back-filled rank as on a fresh one',
        );

        // And it keeps working: the next scan is recorded alike in both.
        await old.recordScan(meta('prod', NEXT), { ...observation(NEXT), facts: FACTS });
        await reference.recordScan(meta('prod', NEXT), { ...observation(NEXT), facts: FACTS });
        for (const table of ['findings', 'finding_events'] as const)
          assert.deepEqual(
            await rows(old, table),
            await rows(reference, table),
            `${table} after the next scan`,
          );
        assert.deepEqual(
          await old.namespaces({ cluster: 'prod' }),
          await reference.namespaces({ cluster: 'prod' }),
        );
      } finally {
        await old.close();
        await reference.close();
      }
    });
  }

  it('refuses a history written by a newer shipshape', async () => {
    const location = await engine.location();
    const store = await HistoryStore.open(location);
    await store.db
      .insertInto('kysely_migration' as never)
      .values({ name: '9999-from-the-future', timestamp: new Date().toISOString() } as never)
      .execute();
    await store.close();
    await assert.rejects(HistoryStore.open(location), /written by a newer shipshape/);
  });
});
