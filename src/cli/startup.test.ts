// Start-up stays lazy: a command loads its own modules, not every command's (docs/decisions/0029-lazy-startup.md).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Prints, at exit, every module file the run loaded (repository-relative), one per line, to stderr.
const RECORD = `data:text/javascript,${encodeURIComponent(`
import module from 'node:module';
const seen = new Set();
module.registerHooks({ load(url, context, next) { seen.add(url); return next(url, context); } });
process.on('exit', () => process.stderr.write('LOADED ' + [...seen].join(' ') + '\\n'));
`)}`;

function loaded(args: string[], env: NodeJS.ProcessEnv = process.env): string[] {
  const run = spawnSync(process.execPath, ['--import', RECORD, 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env,
    timeout: 60_000,
  });
  const line = run.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  assert.ok(line, `no module list from ${args.join(' ')}: ${run.stderr}`);
  const root = new URL('../..', import.meta.url).href;
  return line
    .slice('LOADED '.length)
    .split(' ')
    .map((url) => url.replace(root, ''));
}

const SNAPSHOT = ['--snapshot', 'examples/broken-cluster/snapshot.yaml'];
const under = (files: string[], prefix: string) => files.filter((f) => f.startsWith(prefix));

describe('start-up', () => {
  it('--help loads no command, check, source or reporter', () => {
    const files = loaded(['--help']);
    assert.deepEqual(under(files, 'src/cli/commands/'), []);
    assert.deepEqual(under(files, 'src/checks/'), []);
    assert.deepEqual(under(files, 'src/sources/'), []);
    assert.deepEqual(under(files, 'src/reporters/'), []);
    assert.deepEqual(under(files, 'node_modules/yaml/'), []);
    assert.ok(files.some((f) => f.startsWith('node_modules/commander/')));
  });

  it('diagnose -o json loads its analyzers, not review, hygiene or schema checks, nor ajv', () => {
    const files = loaded(['diagnose', ...SNAPSHOT, '-o', 'json']);
    assert.ok(files.includes('src/checks/pods/index.ts'));
    assert.ok(files.includes('src/cli/commands/diagnose.ts'));
    for (const absent of [
      'src/checks/registry.ts',
      'src/checks/security/',
      'src/checks/hygiene/',
      'src/cli/commands/review.ts',
      'node_modules/ajv/',
    ])
      assert.deepEqual(under(files, absent), [], absent);
  });

  it('diagnose -o sarif loads every check, for the rules it describes', () => {
    const files = loaded(['diagnose', ...SNAPSHOT, '-o', 'sarif']);
    assert.ok(files.includes('src/checks/registry.ts'));
    assert.ok(files.includes('src/checks/security/index.ts'));
  });

  it("review loads ajv's compiler only for validators its caches lack (decision 0043)", () => {
    const cache = mkdtempSync(join(tmpdir(), 'shipshape-startup-'));
    try {
      const env = { ...process.env, SHIPSHAPE_CACHE_DIR: cache };
      const cold = loaded(['review', 'examples/clean-app', '-o', 'json'], env);
      assert.ok(cold.includes('src/schema/compile.ts'));
      assert.ok(cold.some((f) => f.startsWith('node_modules/ajv/dist/compile/')));
      const warm = loaded(['review', 'examples/clean-app', '-o', 'json'], env);
      assert.ok(warm.includes('src/schema/compiled.ts'));
      assert.deepEqual(under(warm, 'src/schema/compile.ts'), []);
      // ajv's runtime helpers and its version (part of the cache key), not its compiler.
      assert.deepEqual(
        warm.filter(
          (f) =>
            f.startsWith('node_modules/ajv/') &&
            !/^node_modules\/ajv\/(dist\/runtime\/|package\.json$)/.test(f),
        ),
        [],
      );
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('review -o json loads review checks, not diagnose analyzers or the fixer', () => {
    const files = loaded(['review', 'examples/clean-app', '-o', 'json']);
    assert.ok(files.includes('src/checks/security/index.ts'));
    for (const absent of [
      'src/checks/registry.ts',
      'src/checks/pods/',
      'src/checks/hygiene/',
      'src/fix/',
      'node_modules/diff/',
    ])
      assert.deepEqual(under(files, absent), [], absent);
  });
});
