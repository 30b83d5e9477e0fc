#!/usr/bin/env node
// Entry point. Node's compile cache keeps the compiled (and type-stripped) modules between runs, which takes
// most of the start-up time off every invocation after the first; it must be on before the program loads. It
// lives in shipshape's cache directory, which CI systems are told to keep (docs/decisions/0042-npm-package.md).
import module from 'node:module';
import { compileCacheDir } from '../core/cache-dir.ts';

module.enableCompileCache?.(compileCacheDir());
// A reader that closes our stdout early (`| head`) has all it wants: stop quietly instead of failing on EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
// `--version` alone, which scripts and CI images call to check the tool, answers as commander would without
// loading the command line (decision 0043).
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${(await import('../version.ts')).VERSION}\n`);
} else {
  const { main, reportError } = await import('./program.ts');
  // An error raised outside a command's own flow (a stream's late 'error' event) still ends in one line, exit 2.
  const fail = (error: unknown) => {
    reportError(error);
    process.exit(2);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  process.exitCode = await main(argv);
}
