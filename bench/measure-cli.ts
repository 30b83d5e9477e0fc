// One CLI run as the benchmarks measure it: wall time, and the process's own CPU time and peak RSS, read by a
// preloaded exit hook (so the figures are the CLI's, not the spawning shell's).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', 'out');

export interface CliMeasurement {
  seconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
  /** The JSON report the command printed. */
  report: { findings: unknown[]; causes?: unknown[] };
}

let built = false;

/** shipshape as users install it: the package's dist/ bundle, built once per benchmark process. */
export function packageEntry(): string {
  if (!built) {
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.ts')], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed: ${build.stderr}`);
    built = true;
  }
  return join(ROOT, 'dist', 'shipshape.js');
}

/**
 * Runs `shipshape <args> -o json --fail-on none` (or `outputArgs` for commands without --fail-on); `name` keeps
 * each benchmark's hook and usage file apart; `entry` is the source tree's main unless given (packageEntry()).
 */
export function measureCli(
  name: string,
  args: readonly string[],
  outputArgs: readonly string[] = ['-o', 'json', '--fail-on', 'none'],
  entry = join(ROOT, 'src/cli/main.ts'),
): CliMeasurement {
  const hook = join(OUT, `rss-hook-${name}.mjs`);
  const usageFile = join(OUT, `rss-${name}.txt`);
  writeFileSync(
    hook,
    `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => { const u = process.resourceUsage(); writeFileSync(${JSON.stringify(usageFile)}, JSON.stringify({ rss: u.maxRSS, cpu: (u.userCPUTime + u.systemCPUTime) / 1e6 })); });\n`,
  );
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', hook, entry, ...args, ...outputArgs], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`${args[0]} failed (${run.status}): ${run.stderr.slice(0, 2000)}`);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { rss: number; cpu: number };
  return {
    seconds,
    cpuSeconds: usage.cpu,
    peakRssMiB: usage.rss / 1024,
    report: JSON.parse(run.stdout) as CliMeasurement['report'],
  };
}
