// Runs the same store tests on both engines: a SQLite file in a temp folder, and a real PostgreSQL server
// (test/support/postgres.ts), each test on a fresh, empty database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { HistoryStore } from '../../src/store/store.ts';
import { type PostgresServer, postgresSkipReason, startPostgres } from './postgres.ts';

export interface EngineContext {
  engine: 'sqlite' | 'postgres';
  /** A fresh, empty database location (file path or URL). */
  location(): Promise<string>;
  /** A fresh store, migrated. */
  open(): Promise<HistoryStore>;
  /** PostgreSQL only: the server, to stop and start it. */
  server?: PostgresServer;
}

export function forEachEngine(name: string, body: (ctx: EngineContext) => void): void {
  describe(`${name} (SQLite)`, () => {
    let dir = '';
    let n = 0;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'shipshape-store-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));
    const ctx: EngineContext = {
      engine: 'sqlite',
      location: async () => join(dir, `history-${++n}.sqlite`),
      open: async () => HistoryStore.open(await ctx.location()),
    };
    body(ctx);
  });
  const skip = postgresSkipReason();
  describe(`${name} (PostgreSQL)`, { skip }, () => {
    const ctx: EngineContext = {
      engine: 'postgres',
      location: async () => ctx.server!.createDatabase(),
      open: async () => HistoryStore.open(await ctx.location()),
    };
    before(async () => {
      ctx.server = await startPostgres();
    });
    after(() => ctx.server?.stop());
    body(ctx);
  });
}
