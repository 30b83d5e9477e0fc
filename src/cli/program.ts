import { Command, CommanderError } from 'commander';
import { EXIT_ERROR } from '../core/report.ts';
import { VERSION } from '../version.ts';
import { registerApplyPlan } from './commands/apply-plan.ts';
import { registerCerts } from './commands/certs.ts';
import { registerChecks } from './commands/checks.ts';
import { registerDiagnose } from './commands/diagnose.ts';
import { registerExplain } from './commands/explain.ts';
import { registerHygiene } from './commands/hygiene.ts';
import { registerReview } from './commands/review.ts';
import { registerScan } from './commands/scan.ts';
import { registerSnapshot } from './commands/snapshot.ts';
import { registerUpgrade } from './commands/upgrade.ts';
import { UsageError } from './errors.ts';

export function buildProgram(): Command {
  const program = new Command()
    .name(process.env.SHIPSHAPE_AS_KUBECTL_PLUGIN ? 'kubectl shipshape' : 'shipshape')
    .description('The routine work of a Kubernetes platform engineer, as software.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();
  registerReview(program);
  registerDiagnose(program);
  registerSnapshot(program);
  registerCerts(program);
  registerHygiene(program);
  registerApplyPlan(program);
  registerUpgrade(program);
  registerExplain(program);
  registerChecks(program);
  registerScan(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; usage mistakes exit 2.
      return error.exitCode === 0 ? 0 : EXIT_ERROR;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`shipshape: ${error.message}\n`);
      return EXIT_ERROR;
    }
    process.stderr.write(`shipshape: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT_ERROR;
  }
}
