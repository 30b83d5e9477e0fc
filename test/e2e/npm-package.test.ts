// The package as users get it (docs/decisions/0042-npm-package.md): `npm pack` builds dist/ and packs it; the
// tarball, installed into an empty directory with no registry behind it, runs on Node 24 and on Node 22 (from
// the npm registry's node@22 package, kept in the tools cache) and gives the same reports as the checkout.
import assert from 'node:assert/strict';
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT } from './cli-support.ts';
import { EXAMPLES_REVIEW, isolated, ok, type Packed, packTarball, run, TOOLS } from './package-support.ts';

const work = mkdtempSync(join(tmpdir(), 'shipshape-package-'));
after(() => rmSync(work, { recursive: true, force: true }));

const NODE22_PREFIX = join(TOOLS, 'node22');
const NODE22_BIN = join(NODE22_PREFIX, 'node_modules', '.bin');

const answers = new Map<string, SpawnSyncReturns<string>>();

/** The checkout's own answer (node src/cli/main.ts) in the same directory, asked once. */
function checkout(args: string[], cwd = ROOT): SpawnSyncReturns<string> {
  const key = [cwd, ...args].join('\u0000');
  let answer = answers.get(key);
  if (!answer) {
    answer = spawnSync(process.execPath, [join(ROOT, 'src/cli/main.ts'), ...args], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', SHIPSHAPE_AS_KUBECTL_PLUGIN: '' },
      maxBuffer: 64 << 20,
    });
    answers.set(key, answer);
  }
  return answer;
}

/** Node 22 from the npm registry (package node@22), installed once into the tools cache. */
function node22(): string {
  if (!existsSync(join(NODE22_BIN, 'node'))) {
    mkdirSync(NODE22_PREFIX, { recursive: true });
    const install = spawnSync(
      'npm',
      ['install', '--prefix', NODE22_PREFIX, '--no-save', '--no-audit', '--no-fund', 'node@22'],
      { encoding: 'utf8', timeout: 600_000 },
    );
    assert.equal(install.status, 0, `installing node@22 from the npm registry: ${install.stderr}`);
  }
  const version = spawnSync(join(NODE22_BIN, 'node'), ['--version'], { encoding: 'utf8' }).stdout.trim();
  assert.match(version, /^v22\./);
  return NODE22_BIN;
}

const REVIEW = EXAMPLES_REVIEW;
const SNAPSHOT = ['diagnose', '--snapshot', 'examples/broken-cluster/snapshot.yaml', '-o', 'json'];
const SARIF = ['review', 'examples/reviewer-exercise', '-o', 'sarif', '--fail-on', 'none'];
const EXPLAIN = ['explain', 'image-tag-mutable'];
/** Public fixtures full of schema mistakes (kubeconform's), reviewed against the newest and the oldest set. */
const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'kubeconform');
const SCHEMAS = [
  ['review', 'corpus', '-o', 'json', '--fail-on', 'none'],
  ['review', 'corpus', '-o', 'json', '--fail-on', 'none', '--kube-version', '1.20'],
];

describe('npm package', () => {
  let packed: Packed;
  let tarball: string;

  before(() => {
    packed = packTarball(work);
    tarball = packed.tarball;
  });

  it('holds only what runs: the bundle, the schemas, package.json, the README and the LICENSE', (t) => {
    const paths = packed.files.map((f) => f.path);
    t.diagnostic(
      `tarball ${packed.filename}: ${(packed.size / 1024).toFixed(0)} KiB packed, ${(packed.unpackedSize / 1024 / 1024).toFixed(1)} MiB unpacked, ${packed.entryCount} files`,
    );
    const outside = paths.filter(
      (p) =>
        !/^(dist\/|schemas\/(index\.json|kubernetes\.jsonl\.gz|README\.md)$|package\.json$|README\.md$|LICENSE$)/.test(
          p,
        ),
    );
    assert.deepEqual(outside, []);
    for (const must of [
      'dist/shipshape.js',
      'dist/kubectl-shipshape.js',
      'dist/THIRD-PARTY-NOTICES.md',
      'schemas/index.json',
      'LICENSE',
      'schemas/kubernetes.jsonl.gz',
    ])
      assert.ok(paths.includes(must), must);
    assert.ok(!paths.some((p) => p.endsWith('.ts') || p.includes('.test.')));
    // No install-time script: npm would list it to every user as one to allow.
    const manifest = JSON.parse(
      ok(run('tar', ['-xzOf', tarball, 'package/package.json'], work, process.env), 'tar'),
    ) as { scripts: Record<string, string> };
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare'])
      assert.equal(manifest.scripts[script], undefined, script);
  });

  for (const [label, nodeBin] of [
    ['Node 24 (the checkout pins it)', undefined],
    ['Node 22 (node@22 from the npm registry)', 'node22'],
  ] as const) {
    describe(label, () => {
      let pathFirst: string | undefined;
      let dir: string;
      before(() => {
        pathFirst = nodeBin ? node22() : join(ROOT, 'node_modules', '.bin');
        dir = join(work, `project-${nodeBin ?? 'node24'}`);
        mkdirSync(dir);
        ok(run('npm', ['install', tarball], dir, isolated(work, pathFirst)), 'npm install <tarball>');
        cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
        if (existsSync(CORPUS)) cpSync(CORPUS, join(dir, 'corpus'), { recursive: true });
      });

      it('runs on that Node', () => {
        const version = ok(run('node', ['--version'], dir, isolated(work, pathFirst)), 'node --version');
        assert.match(version, nodeBin ? /^v22\./ : /^v24\./);
        const said = ok(
          run('npx', ['shipshape', '--version'], dir, isolated(work, pathFirst)),
          'npx shipshape',
        );
        assert.equal(said.trim(), checkout(['--version']).stdout.trim());
      });

      it('npx shipshape gives the checkout reports: review, diagnose, SARIF, explain, schema mistakes', (t) => {
        const cases = [REVIEW, SNAPSHOT, SARIF, EXPLAIN];
        if (existsSync(CORPUS)) cases.push(...SCHEMAS);
        else t.diagnostic(`no ${CORPUS}: schema mistakes not compared`);
        for (const args of cases) {
          const installed = run('npx', ['shipshape', ...args], dir, isolated(work, pathFirst));
          const expected = checkout(args, dir);
          assert.equal(installed.status, expected.status, `${args.join(' ')}: ${installed.stderr}`);
          assert.equal(installed.stdout, expected.stdout, args.join(' '));
          assert.ok(expected.stdout.length > 100, args.join(' '));
        }
        // Every bundled schema's validators came precompiled: none was compiled or cached at run time. The only
        // validators a run may compile and cache are those of CRD schemas in the input (the corpus has two CRDs).
        const cached = join(work, 'home', '.cache', 'shipshape', 'validators-1');
        const store = JSON.parse(
          readFileSync(join(dir, 'node_modules', 'shipshape', 'dist', 'validators', 'index.json'), 'utf8'),
        ) as { keys: Record<string, unknown> };
        const compiled = existsSync(cached)
          ? readdirSync(cached).flatMap((generation) =>
              readdirSync(join(cached, generation)).map((file) => file.replace(/\.js$/, '')),
            )
          : [];
        assert.deepEqual(
          compiled.filter((key) => Object.hasOwn(store.keys, key)),
          [],
          'a bundled definition was compiled at run time',
        );
        assert.ok(compiled.length <= 4, `only CRD schemas are compiled: ${compiled.length} validators`);
      });

      it('loads only the Node built-ins a run needs (decision 0043)', () => {
        // The built-in modules loaded by the end of a run, printed to stderr.
        const record = `data:text/javascript,${encodeURIComponent(
          "process.on('exit', () => process.stderr.write('BUILTINS ' + process.moduleLoadList.join(',') + '\\n'))",
        )}`;
        const builtins = (args: string[]) => {
          const entry = join(dir, 'node_modules', 'shipshape', 'dist', 'shipshape.js');
          const result = run('node', ['--import', record, entry, ...args], dir, isolated(work, pathFirst));
          const line = result.stderr.split('\n').find((l) => l.startsWith('BUILTINS '));
          assert.ok(line, `${args.join(' ')}: ${result.stderr}`);
          return new Set(
            line
              .slice('BUILTINS '.length)
              .split(',')
              .map((m) => m.replace(/^NativeModule /, '')),
          );
        };
        // A clean review of plain manifests: no schema error to explain from the gzip'd sets, no finding to hash.
        const review = builtins(['review', 'examples/clean-app', '-o', 'json']);
        assert.ok(review.has('fs'), 'the record lists the modules loaded at start');
        for (const unused of ['child_process', 'zlib', 'crypto', 'worker_threads', 'internal/fs/promises'])
          assert.ok(!review.has(unused), `review loaded ${unused}`);
        const version = builtins(['--version']);
        for (const unused of ['child_process', 'crypto', 'internal/fs/promises'])
          assert.ok(!version.has(unused), `--version loaded ${unused}`);
      });

      it('npm install -g puts shipshape and kubectl-shipshape on PATH', () => {
        const prefix = join(work, `global-${nodeBin ?? 'node24'}`);
        ok(
          run('npm', ['install', '-g', '--prefix', prefix, tarball], dir, isolated(work, pathFirst)),
          'npm -g',
        );
        const bin = join(prefix, 'bin');
        const env = isolated(work, `${bin}${delimiter}${pathFirst}`);
        const empty = join(work, `empty-${nodeBin ?? 'node24'}`);
        mkdirSync(empty);
        assert.equal(
          ok(run('shipshape', ['--version'], empty, env), 'shipshape --version').trim(),
          checkout(['--version']).stdout.trim(),
        );
        const plugin = ok(run('kubectl-shipshape', ['--help'], empty, env), 'kubectl-shipshape --help');
        assert.match(plugin, /^Usage: kubectl shipshape /);
        // Nothing was written into the current directory.
        assert.deepEqual(readdirSync(empty), []);
      });
    });
  }

  it('npx --package <tarball> runs it from an empty directory without installing it there', () => {
    const empty = join(work, 'npx-empty');
    mkdirSync(empty);
    const said = ok(
      run(
        'npx',
        ['--yes', '--package', tarball, 'shipshape', '--version'],
        empty,
        isolated(work, join(ROOT, 'node_modules', '.bin')),
      ),
      'npx --package',
    );
    assert.equal(said.trim(), checkout(['--version']).stdout.trim());
  });
});
