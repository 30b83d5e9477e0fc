import type { Command } from 'commander';
import { buildSnapshot, writeSnapshot } from '../../sources/snapshot/write-snapshot.ts';
import { addClusterOptions, type ClusterFlags, loadClusterState } from '../cluster-options.ts';
import { UsageError } from '../errors.ts';
import { log } from '../output.ts';

interface SnapshotFlags extends ClusterFlags {
  output?: string;
  includeSecretValues?: boolean;
}

export function registerSnapshot(program: Command): void {
  addClusterOptions(
    program
      .command('snapshot')
      .description('save the cluster state to a file that diagnose, hygiene and upgrade can read offline')
      .requiredOption('-o, --output <file>', 'where to write it (.json, or .json.gz for gzip)')
      .option('--include-secret-values', 'keep Secret values (redacted by default)'),
  ).action(async (flags: SnapshotFlags) => {
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
  });
}
