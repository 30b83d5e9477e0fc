import { type Command, Option } from 'commander';
import { addClusterOptions } from '../cluster-flags.ts';
import type { DiagnoseFlags } from '../commands/diagnose.ts';

/** The log reader's limits, quoted in the help of --logs and --log-lines. */
export type LogLimits = Pick<
  typeof import('../../sources/cluster/logs.ts'),
  'DEFAULT_LOG_LINES' | 'MAX_LOG_CAUSES' | 'MAX_LOG_LINES'
>;

/**
 * The log options quote the log reader's limits, and its module loads node:http (≈ 0.1 s CPU): program.ts imports it
 * only when `diagnose` is on the command line. Without the limits the two options still parse (no command can run
 * or print diagnose's help then), but have no text and no default.
 */
export function registerDiagnose(program: Command, limits?: LogLimits): void {
  const logs = new Option('--logs');
  const logLines = new Option('--log-lines <n>');
  if (limits) {
    logs.description = `live only: add the log tail of one pod per cause (first ${limits.MAX_LOG_CAUSES} causes; the previous container when it crashed). Off by default: logs can be large and hold sensitive data (secret-looking values are redacted)`;
    logLines.description = `lines of log tail per container with --logs (1-${limits.MAX_LOG_LINES})`;
    logLines.default(String(limits.DEFAULT_LOG_LINES));
  }
  addClusterOptions(
    program
      .command('diagnose')
      .description(
        'explain what is broken in a cluster (live or from a snapshot): root cause, impact, evidence, next commands',
      )
      .option('-o, --output <format>', 'text, json, markdown', 'text')
      .option(
        '--fail-on <severity>',
        'exit 1 at or above: critical, high, medium, low, info, none (default: high)',
      )
      .option('--config <file>', 'configuration file (default: .shipshape.yaml found upward from the cwd)')
      .option('--include <ids...>', 'run only these analyzer ids or categories')
      .option('--exclude <ids...>', 'skip these analyzer ids or categories')
      .option('--no-color', 'no ANSI colours (also NO_COLOR)')
      .option(
        '--describe <files...>',
        'explain pasted `kubectl describe pod|node|deployment|pvc` text (files, or - for stdin)',
      )
      .addOption(logs)
      .addOption(logLines),
  ).action(async (flags: DiagnoseFlags) => {
    const { diagnose } = await import('../commands/diagnose.ts');
    process.exitCode = await diagnose(flags);
  });
}
