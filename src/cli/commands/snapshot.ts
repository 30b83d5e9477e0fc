import { buildSnapshot, writeSnapshot } from '../../sources/snapshot/write-snapshot.ts';
import type { ClusterFlags } from '../cluster-flags.ts';
import { loadClusterState } from '../cluster-options.ts';
import { UsageError } from '../errors.ts';
import { log } from '../output.ts';

export interface SnapshotFlags extends ClusterFlags {
  output?: string;
  includeSecretValues?: boolean;
}

/** Reads the live cluster and writes what it read (Secret values redacted unless asked). */
export async function snapshot(flags: SnapshotFlags): Promise<void> {
  if (flags.snapshot) throw new UsageError('snapshot reads a live cluster; --snapshot is not allowed here');
  const state = await loadClusterState(flags);
  const document = buildSnapshot(
    state.objects,
    {
      ...(state.source.context ? { context: state.source.context } : {}),
      ...(state.source.server ? { server: state.source.server } : {}),
      ...(state.serverVersion ? { serverVersion: state.serverVersion } : {}),
      takenAt: new Date().toISOString(),
      ...(state.namespaces ? { namespaces: state.namespaces } : {}),
      kindsRead: [...state.kindsRead].sort(),
      kindsMissing: state.kindsMissing,
    },
    { includeSecretValues: flags.includeSecretValues ?? false },
  );
  const bytes = writeSnapshot(flags.output!, document);
  for (const problem of state.problems) log(`warning: ${problem.message}`);
  log(
    `wrote ${state.objects.length} objects (${state.kindsRead.size} kinds) to ${flags.output} (${(bytes / 1024).toFixed(0)} KiB)`,
  );
}
