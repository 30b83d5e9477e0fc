// `npm test`: every unit, e2e, corpus and fuzz test through node's own runner, then the live-cluster suites
// one file at a time (they share one test bed and compare node counts, so they must not run side by side).
// Live suites skip themselves, saying so, when the test bed is not up.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Compiled schema validators are cached per user (src/schema/compiled-cache.ts): the test run gets its own
// cache, never the real HOME's, unless SHIPSHAPE_CACHE_DIR is set.
const cache = process.env.SHIPSHAPE_CACHE_DIR
  ? undefined
  : mkdtempSync(join(tmpdir(), 'shipshape-test-cache-'));
if (cache) process.env.SHIPSHAPE_CACHE_DIR = cache;

const extra = process.argv.slice(2);
const run = (concurrency: number, patterns: string[]): number =>
  spawnSync(process.execPath, ['--test', `--test-concurrency=${concurrency}`, ...extra, ...patterns], {
    stdio: 'inherit',
  }).status ?? 2;

const offline = run(2, [
  'src/**/*.test.ts',
  'test/{corpus,e2e,fuzz}/**/*.test.ts',
  'test/*.test.ts',
  'bench/**/*.test.ts',
  'scripts/**/*.test.ts',
]);
const live = run(1, ['test/live/**/*.test.ts', 'test/truth/**/*.test.ts']);
if (cache) rmSync(cache, { recursive: true, force: true });
process.exit(offline !== 0 ? offline : live);
