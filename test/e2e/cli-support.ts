// Runs the real CLI (node src/cli/main.ts) as a child process on copies of test/fixtures/cli/.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const MAIN = join(ROOT, 'src/cli/main.ts');
export const FIXTURES = join(ROOT, 'test/fixtures/cli');

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function shipshape(
  args: string[],
  options: { cwd?: string; input?: string; env?: Record<string, string | undefined> } = {},
): RunResult {
  const env: Record<string, string | undefined> = { ...process.env };
  // Colour and plugin mode are decided by the test, not by the terminal running it.
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  delete env.SHIPSHAPE_AS_KUBECTL_PLUGIN;
  Object.assign(env, options.env ?? {});
  const run = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: env as NodeJS.ProcessEnv,
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A private copy of the fixtures (so --fix can write and no .shipshape.yaml above the repo interferes). */
export function fixtureCopy(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-e2e-'));
  cpSync(FIXTURES, dir, { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The two checks that predate everything else: tests pin them so others' new checks do not change results. */
export const PINNED = ['--include', 'image-tag-mutable', 'service-selector-no-match'];
