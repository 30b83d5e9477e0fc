import type { Command } from 'commander';
import type { KpiFlags } from '../commands/kpi.ts';
import type { ServeFlags } from '../commands/serve.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'scan clusters on a schedule into a findings history (SQLite file or PostgreSQL) and serve it: docs/serve.md',
    )
    .option(
      '-c, --config <file>',
      'serve configuration: clusters, intervals, retention, SLAs (docs/serve.md)',
    )
    .option(
      '--database <location>',
      'history database: a file (SQLite, default shipshape-history.db) or postgres://… (also SHIPSHAPE_DATABASE)',
    )
    .option(
      '--kubeconfig <file>',
      'without --config: kubeconfig file (default: $KUBECONFIG or ~/.kube/config)',
    )
    .option(
      '--context <names...>',
      'without --config: the kubeconfig contexts to scan (default: the current one)',
    )
    .option(
      '--in-cluster',
      "without --config: scan the cluster serve runs in, with the pod's service account",
    )
    .option('--interval <duration>', 'without --config: time between scans of a cluster, e.g. 15m', '15m')
    .option('--timeout <duration>', 'without --config: a scan running longer fails, e.g. 10m', '10m')
    .option('--to <version>', 'without --config: also check upgrade readiness for this Kubernetes version')
    .option('--retention <duration>', 'history kept, e.g. 400d (overrides the config)')
    .option(
      '--listen <host:port>',
      "dashboard and /metrics address (default: the config's http.host and http.port, else 127.0.0.1:8080)",
    )
    .option('--once', 'scan every cluster once, record it, and exit (exit 2 if a scan failed)')
    .action(async (flags: ServeFlags) => {
      const { serve } = await import('../commands/serve.ts');
      process.exitCode = await serve(flags);
    });
}

export function registerKpi(program: Command): void {
  program
    .command('kpi')
    .description(
      'platform KPIs from the findings history serve records (MTTR, SLA, backlog, reopen, noise, coverage): docs/kpis.md',
    )
    .option('--since <duration>', 'the window, ending now, e.g. 30d', '30d')
    .option(
      '--database <location>',
      'history database: a file (SQLite, default shipshape-history.db) or postgres://… (also SHIPSHAPE_DATABASE)',
    )
    .option('-c, --config <file>', 'serve configuration: its database and its SLAs (kpi.sla)')
    .option('--cluster <name>', 'one cluster (default: all)')
    .option('-o, --output <format>', 'markdown or json', 'markdown')
    .action(async (flags: KpiFlags) => {
      const { kpi } = await import('../commands/kpi.ts');
      process.exitCode = await kpi(flags);
    });
}
