import { buildSnapshot, snapshotBytes } from '../../sources/snapshot/write-snapshot.ts';
import { prepareWrite } from '../../write/safe-write.ts';
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
  const file = flags.output!;
  const secret = flags.includeSecretValues ?? false;
  // Opened before the cluster is read, so an unwritable destination fails at once; 0600 when values are kept.
  const output = prepareWrite(file, { secret });
  try {
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
      { includeSecretValues: secret },
    );
    const bytes = snapshotBytes(file, document);
    const written = output.commit(bytes);
    for (const note of written.notes) log(`note: ${note}`);
    for (const problem of state.problems) log(`warning: ${problem.message}`);
    log(
      `wrote ${state.objects.length} objects (${state.kindsRead.size} kinds) to ${file} (${(bytes.length / 1024).toFixed(0)} KiB)`,
    );
  } finally {
    output.abort();
  }
}
