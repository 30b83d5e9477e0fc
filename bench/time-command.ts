// One command run under /usr/bin/time -v: wall seconds, CPU seconds (user+sys of the process and its children)
// and peak RSS. Shared by the benchmark's rows (bench/run.ts, bench/variants.ts).

import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';

export interface Timed {
  wallS: number;
  cpuS: number;
  maxRssMiB: number;
  status: number | null;
  /** What the command printed, unless it went to a file. */
  stdout: string;
  error?: string;
}

/** Runs `command`; with `stdoutFile`, its output goes there instead of into memory (big reports). */
export function timeCommand(
  command: readonly string[],
  options: { timeoutS?: number; stdoutFile?: string } = {},
): Timed {
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const out = options.stdoutFile ? openSync(options.stdoutFile, 'w') : undefined;
  const started = performance.now();
  try {
    const run = spawnSync(timeBin ?? command[0]!, timeBin ? ['-v', ...command] : command.slice(1), {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env: { ...process.env, NO_COLOR: '1' },
      timeout: (options.timeoutS ?? 900) * 1000,
      stdio: ['ignore', out ?? 'pipe', 'pipe'],
    });
    const wallS = (performance.now() - started) / 1000;
    const stat = (label: string) =>
      Number(new RegExp(`${label}: ([\\d.]+)`).exec(run.stderr ?? '')?.[1] ?? Number.NaN);
    return {
      wallS,
      cpuS: stat('User time \\(seconds\\)') + stat('System time \\(seconds\\)'),
      maxRssMiB: stat('Maximum resident set size \\(kbytes\\)') / 1024,
      status: run.status,
      stdout: run.stdout ?? '',
      ...(run.error ? { error: run.error.message } : {}),
    };
  } finally {
    if (out !== undefined) closeSync(out);
  }
}
