import type { Command } from 'commander';
import { addClusterOptions } from '../cluster-flags.ts';
import type { ScanFlags } from '../commands/scan.ts';

export function registerScan(program: Command): void {
  addClusterOptions(
    program
      .command('scan')
      .description(
        'everything in one report: review for manifest paths; diagnose + hygiene + certs (+ upgrade with --to) for a cluster or snapshot',
      )
      .argument('[paths...]', 'manifests to review instead of a cluster')
      .option('--to <version>', 'also check upgrade readiness for this Kubernetes version, e.g. 1.34')
      .option('-o, --output <format>', 'text, json, sarif, junit, github, markdown, html', 'text')
      .option('--fail-on <severity>', 'exit 1 at or above this severity (default: high)')
      .option('--config <file>', 'configuration file (default: .shipshape.yaml found upward)')
      .option('--include <ids...>', 'run only these check ids or categories')
      .option('--exclude <ids...>', 'skip these check ids or categories')
      .option('--profile <name>', 'hygiene platform profile (default: detected from the nodes)')
      .option('--no-color', 'no ANSI colours (also NO_COLOR)'),
  ).action(async (paths: string[], flags: ScanFlags) => {
    const { scan } = await import('../commands/scan.ts');
    process.exitCode = await scan(paths, flags);
  });
}
