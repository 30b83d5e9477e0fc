// Every migration, in order, by name. Kysely's Migrator runs the missing ones at start (store.ts) and records
// them in its own tables; names sort in order and are never renamed.
import type { Migration } from 'kysely/migration';
import * as history from './0001-history.ts';
import * as facts from './0002-facts.ts';
import * as rollouts from './0003-rollouts.ts';
import * as dashboardIndexes from './0004-dashboard-indexes.ts';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-history': history,
  '0002-facts': facts,
  '0003-rollouts': rollouts,
  '0004-dashboard-indexes': dashboardIndexes,
};
