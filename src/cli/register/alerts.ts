import type { Command } from 'commander';
import type { AlertsLintOptions } from '../commands/alerts-lint.ts';

export function registerAlerts(program: Command): void {
  const alerts = program.command('alerts').description('Prometheus alerting and recording rules');
  alerts
    .command('lint')
    .description(
      'lint Prometheus rule files and PrometheusRule objects: missing "for", summary and runbook annotations, ' +
        'template errors, absent() label pitfalls, short rate() ranges, unbounded labels',
    )
    .argument('<paths...>', 'rule files or directories ("-" for stdin)')
    .option('-o, --output <format>', 'text, json, sarif, junit, github, markdown, html', 'text')
    .option('--fail-on <severity>', 'exit 1 at or above this severity (default: high)')
    .option('--scrape-interval <duration>', 'the scrape interval rate() ranges are judged against', '1m')
    .option('--config <file>', 'configuration file (default: .shipshape.yaml found upward)')
    .option('--include <ids...>', 'run only these check ids or categories')
    .option('--exclude <ids...>', 'skip these check ids or categories')
    .option('--max-file-size <mib>', 'skip files larger than this many MiB', '32')
    .option('--max-input-size <mib>', 'stop reading past this many MiB in all', '512')
    .option('--no-color', 'no ANSI colours (also NO_COLOR)')
    .action(async (paths: string[], options: AlertsLintOptions) => {
      const { alertsLint } = await import('../commands/alerts-lint.ts');
      process.exitCode = alertsLint(paths, options);
    });
}
