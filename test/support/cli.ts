// The real CLI, spawned as users run it, without blocking the event loop (live tests run a fault proxy in-process).
import { spawn, spawnSync } from 'node:child_process';
import type { Report } from '../../src/core/report.ts';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/cli/main.ts', ...args], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The same, blocking: for tests that run nothing else in-process meanwhile. */
export function runCliSync(args: readonly string[], timeoutMs = 120_000): CliRun {
  const run = spawnSync(process.execPath, ['src/cli/main.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: timeoutMs,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export interface ReportRun extends CliRun {
  report: Report;
}

/** `shipshape diagnose -o json` against a cluster; throws, saying why, when it prints no JSON. */
export async function diagnoseJson(args: readonly string[], kubeconfig: string): Promise<ReportRun> {
  const run = await runCli(['diagnose', '--kubeconfig', kubeconfig, '-o', 'json', '--no-progress', ...args]);
  try {
    return { ...run, report: JSON.parse(run.stdout) as Report };
  } catch {
    throw new Error(`diagnose ${args.join(' ')} printed no JSON (exit ${run.status}): ${run.stderr}`);
  }
}
