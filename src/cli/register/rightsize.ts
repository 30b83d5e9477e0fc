import { type Command, Option } from 'commander';
import { addClusterOptions } from '../cluster-flags.ts';
import type { RightsizeFlags } from '../commands/rightsize.ts';
import { acceptFixEqualsDiff } from './review.ts';

export function registerRightsize(program: Command): void {
  const command = addClusterOptions(
    program
      .command('rightsize')
      .argument(
        '[paths...]',
        'manifests of the workloads to size (default: the workloads of the cluster); needed for --fix',
      )
      .description(
        'CPU and memory requests per container (init containers and sidecars too) from Prometheus usage history: throttling-, OOM-, start-up- and HPA-aware, with savings',
      )
      .option('--prometheus <url>', 'Prometheus (or compatible) base URL, e.g. http://prometheus:9090')
      .option('--history <duration>', 'how much history to read', '14d')
      .option('--at <time>', 'end of the window: RFC 3339 or seconds since the epoch (default: now)')
      .option('--step <duration>', 'resolution: CPU is averaged and memory peaks are taken per step', '5m')
      .option('--prometheus-timeout <seconds>', 'deadline of each Prometheus request', '120')
      .option(
        '--prometheus-batch <series>',
        'most container series per query (lower it for a small Prometheus)',
        '500',
      )
      .option('--cpu-percentile <n>', 'percentile of steady CPU usage the request covers', '95')
      .addOption(
        new Option(
          '--cpu-limit <policy>',
          'CPU limits: none (recommend none), keep (leave them), required (set one above the burst peak)',
        )
          .choices(['none', 'keep', 'required'])
          .default('none'),
      )
      .option(
        '--startup-window <duration>',
        'CPU this long after each container start is start-up, not steady use',
        '5m',
      )
      .option('--price-cpu <usd>', 'price of a core-hour (default 0.031611, OpenCost)')
      .option('--price-memory <usd>', 'price of a GiB-hour (default 0.004237, OpenCost)')
      .option(
        '--price-node <usd>',
        'price of a node-hour (default: its allocatable at the CPU and memory prices)',
      )
      .option(
        '--fix',
        'write the recommended resources into the manifests (comments kept); --fix=diff prints a diff',
      )
      .addOption(new Option('--fix-diff').hideHelp())
      .option('-o, --output <format>', 'text, json, sarif, junit, github, markdown, html', 'text')
      .option('--fail-on <severity>', 'exit 1 at or above this severity (default: high)')
      .option('--config <file>', 'configuration file (default: .shipshape.yaml found upward)')
      .option('--no-color', 'no ANSI colours (also NO_COLOR)'),
  ).action(async (paths: string[], flags: RightsizeFlags) => {
    const { rightsize } = await import('../commands/rightsize.ts');
    process.exitCode = await rightsize(paths, flags);
  });
  acceptFixEqualsDiff(command);
}
