import type { Command } from 'commander';
import { PROFILES } from '../../hygiene/profiles.ts';
import { addClusterOptions } from '../cluster-flags.ts';
import type { HygieneFlags } from '../commands/hygiene.ts';

export function registerHygiene(program: Command): void {
  addClusterOptions(
    program
      .command('hygiene')
      .description(
        'the weekly sweep: unused and left-over objects, stuck deletions, backups; --plan writes a reviewable clean-up plan (never deletes anything)',
      )
      .option('-o, --output <format>', 'text, json, sarif, junit, github, markdown, html', 'text')
      .option('--fail-on <severity>', 'exit 1 at or above this severity (default: high)')
      .option('--config <file>', 'configuration file (default: .shipshape.yaml found upward)')
      .option('--include <ids...>', 'run only these check ids or categories')
      .option('--exclude <ids...>', 'skip these check ids or categories')
      .option(
        '--profile <name>',
        `platform whose own objects are never reported: ${PROFILES.map((p) => p.name).join(', ')}, none (default: detected from the nodes)`,
      )
      .option('--plan <file>', 'also write a clean-up plan (YAML) for `shipshape apply-plan`')
      .option('--no-color', 'no ANSI colours (also NO_COLOR)'),
  ).action(async (flags: HygieneFlags) => {
    const { hygiene } = await import('../commands/hygiene.ts');
    process.exitCode = await hygiene(flags);
  });
}
