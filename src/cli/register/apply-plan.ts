import type { Command } from 'commander';
import type { ApplyPlanFlags } from '../commands/apply-plan.ts';

export function registerApplyPlan(program: Command): void {
  program
    .command('apply-plan')
    .description(
      'carry out a reviewed clean-up plan from `shipshape hygiene --plan`: back up, server dry-run, confirm, delete in a safe order; --restore puts a backup back',
    )
    .argument('[plan]', 'the plan file')
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context to use (must be the one the plan was made on)')
    .option('--yes', 'do not ask for confirmation (required without a terminal)')
    .option(
      '--config <file>',
      'configuration file the plan was made with (default: .shipshape.yaml found upward)',
    )
    .option(
      '--allow-system-objects',
      'also delete items in kube-system, kube-public, kube-node-lease, named system:… or cluster-admin',
    )
    .option(
      '--allow-volume-deletion',
      'also delete PersistentVolumes and bound PersistentVolumeClaims (their data does not come back with --restore)',
    )
    .option('--backup-dir <dir>', 'where backups and logs go (a dated folder inside)', 'shipshape-backups')
    .option('--restore <folder>', 're-create the objects of a backup folder instead of applying a plan')
    .option('--request-timeout <seconds>', 'deadline of each request to the API server, body included', '30')
    .action(async (planFile: string | undefined, flags: ApplyPlanFlags) => {
      const { applyPlanCommand } = await import('../commands/apply-plan.ts');
      process.exitCode = await applyPlanCommand(planFile, flags);
    });
}
