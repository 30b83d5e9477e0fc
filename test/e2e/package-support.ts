// The packed package for the tests that install it as users do (npm-package, integrations, container-image).
import assert from 'node:assert/strict';
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './cli-support.ts';

/** Where tools the tests install once are kept (Node 22, pre-commit, krew; helm: scripts/install-tools.sh). */
export const TOOLS = process.env.SHIPSHAPE_TOOLS_DIR ?? join(homedir(), '.cache', 'shipshape-tools');

export interface Packed {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: { path: string; size: number }[];
  /** The tarball's path. */
  tarball: string;
}

export function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 600_000, maxBuffer: 64 << 20 });
}

export function ok(result: SpawnSyncReturns<string>, what: string): string {
  assert.equal(result.status, 0, `${what} exited ${result.status}: ${result.stderr}${result.error ?? ''}`);
  return result.stdout;
}

/**
 * Runs `fn` holding a lock directory: test files run in parallel, and two `npm pack` at once would rebuild
 * dist/ under each other. A lock older than ten minutes is a dead holder's and is taken over.
 */
function withLock<T>(lock: string, fn: () => T): T {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 600_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      Atomics.wait(pause, 0, 0, 250);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** `npm pack` of the checkout into `dir` (prepack builds dist/ first). */
export function packTarball(dir: string): Packed {
  return withLock(join(ROOT, 'dist.lock'), () => pack(dir));
}

function pack(dir: string): Packed {
  const out = ok(
    run('npm', ['pack', '--json', '--pack-destination', dir], ROOT, {
      ...process.env,
      npm_config_update_notifier: 'false',
    }),
    'npm pack',
  );
  // npm may print prepack's output before the JSON.
  const packed = (JSON.parse(out.slice(out.indexOf('['))) as Omit<Packed, 'tarball'>[])[0]!;
  return { ...packed, tarball: join(dir, packed.filename) };
}

/**
 * An environment with nothing of the checkout's in it: its own HOME (caches) and npm cache, no registry (the
 * package has no dependencies, so installing it must not need one), `pathFirst` before the PATH.
 */
export function isolated(work: string, pathFirst?: string): NodeJS.ProcessEnv {
  return {
    PATH: [pathFirst, process.env.PATH].filter(Boolean).join(':'),
    HOME: join(work, 'home'),
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_registry: 'http://127.0.0.1:9/',
    NO_COLOR: '1',
  };
}

/** The review both the installed package and the image must answer exactly as the checkout does. */
export const EXAMPLES_REVIEW = [
  'review',
  'examples/reviewer-exercise',
  'examples/clean-app',
  '-o',
  'json',
  '--fail-on',
  'none',
];
