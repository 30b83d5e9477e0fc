import type { Command } from 'commander';
import { HYGIENE_CHECKS } from '../../checks/registry.ts';
import type { RunSettings } from '../../core/check.ts';
import { runChecks, selectChecks } from '../../core/engine.ts';
import { ObjectIndex } from '../../core/index.ts';
import { buildReport, exitCodeFor } from '../../core/report.ts';
import { VERSION } from '../../version.ts';
import { addClusterOptions, type ClusterFlags, loadClusterState } from '../cluster-options.ts';
import { loadConfig } from '../config-file.ts';
import { render, useColor } from '../output.ts';
import { parseFailOn } from './review.ts';

interface HygieneFlags extends ClusterFlags {
  output: string;
  failOn?: string;
  config?: string;
  include?: string[];
  exclude?: string[];
  color?: boolean;
}

export function registerHygiene(program: Command): void {
  addClusterOptions(
    program
      .command('hygiene')
      .description(
        'the weekly sweep: unused ConfigMaps, Secrets, ServiceAccounts, PVCs and more (never deletes anything)',
      )
      .option('-o, --output <format>', 'text, json, sarif, junit, github, markdown', 'text')
      .option('--fail-on <severity>', 'exit 1 at or above this severity (default: high)')
      .option('--config <file>', 'configuration file (default: .shipshape.yaml found upward)')
      .option('--include <ids...>', 'run only these check ids or categories')
      .option('--exclude <ids...>', 'skip these check ids or categories')
      .option('--no-color', 'no ANSI colours (also NO_COLOR)'),
  ).action(async (flags: HygieneFlags) => {
    process.exitCode = await hygiene(flags);
  });
}

export async function hygiene(flags: HygieneFlags): Promise<number> {
  const config = loadConfig(flags.config);
  const failOn = parseFailOn(flags.failOn ?? config.failOn ?? 'high');
  const state = await loadClusterState(flags);
  // Hygiene is always judged on everything that was read; -n only narrows what is reported.
  const settings: RunSettings = { now: new Date(), kindsRead: state.kindsRead };
  const index = new ObjectIndex(state.objects, { partial: false });
  const selected = selectChecks(HYGIENE_CHECKS, config, settings, {
    include: flags.include ?? [],
    exclude: flags.exclude ?? [],
  });
  const result = runChecks(index, selected, settings);
  const report = buildReport({
    version: VERSION,
    command: 'hygiene',
    source: state.source,
    objects: state.objects.length,
    findings: result.findings,
    problems: [...state.problems, ...result.problems],
  });
  process.stdout.write(render(report, flags.output, { color: useColor(process.stdout, flags.color) }));
  return exitCodeFor(report, failOn);
}
