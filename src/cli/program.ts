// The command line. Each command's definition (options, help) is cheap to load; what it does is imported only when
// it runs, so `--help`, `explain` or `review` do not pay for every other command (docs/decisions/0029-lazy-startup.md).
import { Command, CommanderError } from 'commander';
import { guardLines, showInvisible } from '../core/printable.ts';
import { EXIT_ERROR } from '../core/report.ts';
import { VERSION } from '../version.ts';
import { describeError } from './errors.ts';
import { registerAlerts } from './register/alerts.ts';
import { registerApplyPlan } from './register/apply-plan.ts';
import { registerCapacity } from './register/capacity.ts';
import { registerCerts } from './register/certs.ts';
import { registerChecks } from './register/checks.ts';
import { registerDiagnose } from './register/diagnose.ts';
import { registerExplain } from './register/explain.ts';
import { registerHygiene } from './register/hygiene.ts';
import { registerRbac } from './register/rbac.ts';
import { registerReport } from './register/report.ts';
import { registerReview } from './register/review.ts';
import { registerRightsize } from './register/rightsize.ts';
import { registerScan } from './register/scan.ts';
import { registerKpi, registerServe } from './register/serve.ts';
import { registerSnapshot } from './register/snapshot.ts';
import { registerUpgrade } from './register/upgrade.ts';

/** Each command by its name, in the order help lists them. */
const COMMANDS: Record<string, (program: Command, argv: readonly string[]) => Promise<void> | void> = {
  review: registerReview,
  // What diagnose's help quotes is loaded only when diagnose is named.
  diagnose: async (program, argv) =>
    registerDiagnose(
      program,
      argv.includes('diagnose') ? await import('../sources/cluster/logs.ts') : undefined,
    ),
  snapshot: registerSnapshot,
  certs: registerCerts,
  hygiene: registerHygiene,
  'apply-plan': registerApplyPlan,
  upgrade: registerUpgrade,
  explain: registerExplain,
  checks: registerChecks,
  scan: registerScan,
  rbac: registerRbac,
  capacity: registerCapacity,
  alerts: registerAlerts,
  report: registerReport,
  rightsize: registerRightsize,
  serve: registerServe,
  kpi: registerKpi,
};

/**
 * The program for this command line. When it starts with a command's name, only that command is defined: what
 * commander parses, prints and suggests then depends on that command alone, and a run does not pay for the
 * options of every other (decision 0043). Anything else (--help, help, a misspelt command, a global option
 * first) gets every command.
 */
export async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command()
    .name(process.env.SHIPSHAPE_AS_KUBECTL_PLUGIN ? 'kubectl shipshape' : 'shipshape')
    .description('The routine work of a Kubernetes platform engineer, as software.')
    .version(VERSION)
    .option('--debug', 'print the stack trace of an error (also SHIPSHAPE_DEBUG=1)')
    .showHelpAfterError()
    .exitOverride();
  const named = argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]) ? argv[0] : undefined;
  for (const [name, register] of Object.entries(COMMANDS))
    if (!named || name === named) await register(program, argv);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await (await buildProgram(argv)).parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; usage mistakes exit 2.
      return error.exitCode === 0 ? 0 : EXIT_ERROR;
    }
    reportError(error, argv);
    return EXIT_ERROR;
  }
}

/** Writes the one-line message of an error that ended the run (and its stack trace with --debug). */
export function reportError(error: unknown, argv: readonly string[] = process.argv.slice(2)): void {
  const { message, bug } = describeError(error);
  const debug = argv.includes('--debug') || Boolean(process.env.SHIPSHAPE_DEBUG);
  const hint = bug && !debug ? ' (a bug in shipshape: run again with --debug for the stack trace)' : '';
  // CI runners read stderr for workflow commands too: a file name in the message is data (escape.ts).
  process.stderr.write(`shipshape: ${guardLines(showInvisible(message))}${hint}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
}
