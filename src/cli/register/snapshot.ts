import type { Command } from 'commander';
import { addClusterOptions } from '../cluster-flags.ts';
import type { SnapshotFlags } from '../commands/snapshot.ts';

export function registerSnapshot(program: Command): void {
  addClusterOptions(
    program
      .command('snapshot')
      .description('save the cluster state to a file that diagnose, hygiene and upgrade can read offline')
      .requiredOption('-o, --output <file>', 'where to write it (.json, or .json.gz for gzip)')
      .option('--include-secret-values', 'keep Secret values (redacted by default)'),
  ).action(async (flags: SnapshotFlags) => {
    const { snapshot } = await import('../commands/snapshot.ts');
    await snapshot(flags);
  });
}
