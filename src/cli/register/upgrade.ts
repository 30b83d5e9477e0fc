import type { Command } from 'commander';
import { addClusterOptions } from '../cluster-flags.ts';
import type { UpgradeFlags } from '../commands/upgrade.ts';

export function registerUpgrade(program: Command): void {
  addClusterOptions(
    program
      .command('upgrade')
      .description(
        'upgrade readiness for a target Kubernetes version: removed APIs in manifests, live objects and Helm releases, drains, skew, webhooks',
      )
      .argument('[paths...]', 'manifests to check instead of a cluster')
      .requiredOption('--to <version>', 'target Kubernetes version, e.g. 1.34')
      .option('-o, --output <format>', 'text, json, sarif, junit, github, markdown, html', 'text')
      .option('--fail-on <severity>', 'exit 1 at or above this severity (default: high)')
      .option('--config <file>', 'configuration file (default: .shipshape.yaml found upward)')
      .option('--no-color', 'no ANSI colours (also NO_COLOR)'),
  ).action(async (paths: string[], flags: UpgradeFlags) => {
    const { upgrade } = await import('../commands/upgrade.ts');
    process.exitCode = await upgrade(paths, flags);
  });
}
