// Fuzz (issue #13): the snapshot loader, the describe-text parser, the kubeconfig loader and the config loader over
// random and mutated input — no uncaught exception (only the error types that become one-line messages), bounded
// time and memory per case. The YAML reader has its own suite (loader.fuzz.test.ts); here it gets raw text with
// every kind of character. Seeded: FUZZ_SEED=<n> to explore, FUZZ_RUNS=<n> for more cases.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { loadConfig } from '../../src/cli/config-file.ts';
import { UsageError } from '../../src/cli/errors.ts';
import { KubeconfigError, loadKubeConfig } from '../../src/sources/cluster/kubeconfig.ts';
import { parseDescribe } from '../../src/sources/describe/parse-describe.ts';
import { parseManifestText } from '../../src/sources/files/parse-yaml.ts';
import { loadSnapshot } from '../../src/sources/snapshot/load-snapshot.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const ROOT = resolve(import.meta.dirname, '..', '..');
/** Per case: far above any sane parse of these small inputs, far below a hang. */
const CASE_MS = 5_000;
const CASE_HEAP = 256 * 1024 * 1024;

const tmp = mkdtempSync(join(tmpdir(), 'shipshape-fuzz-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs one case, asserting it ends in time and within a heap budget. */
function bounded<T>(what: string, run: () => T): T {
  const heap = process.memoryUsage().heapUsed;
  const started = performance.now();
  const result = run();
  const ms = performance.now() - started;
  assert.ok(ms < CASE_MS, `${what}: ${Math.round(ms)} ms`);
  assert.ok(process.memoryUsage().heapUsed - heap < CASE_HEAP, `${what}: heap grew past ${CASE_HEAP} bytes`);
  return result;
}

/** Text with every kind of character: controls, surrogates, BOMs, bidi, YAML and JSON punctuation. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({
    unit: fc.constantFrom(...'{}[]:,-#&*!|>\'"%@`\n\r\t \u0000\uFEFF\u202e\uD800é🚢0.e+'),
    maxLength: 300,
  }),
);

/** A seed text cut, repeated and spliced at random. */
function mutated(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(
        fc.tuple(
          fc.nat(),
          fc.nat({ max: 60 }),
          fc.oneof(anyText, fc.constantFrom('', '\n', ': ', '- ', '"')),
        ),
        {
          maxLength: 6,
        },
      ),
    )
    .map(([seed, edits]) =>
      edits.reduce((text, [at, cut, insert]) => {
        const i = text.length === 0 ? 0 : at % text.length;
        return text.slice(0, i) + insert + text.slice(i + cut);
      }, seed),
    );
}

function problemsAreMessages(problems: readonly { message: string; file?: string }[], what: string): void {
  for (const p of problems)
    assert.ok(typeof p.message === 'string' && p.message.trim().length > 0, `${what}: empty message`);
}

const options = { seed: SEED, numRuns: RUNS };

describe('fuzz: the YAML reader over raw text', () => {
  it('never throws; every problem says something', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const parsed = bounded('parseManifestText', () => parseManifestText(text, 'fuzz.yaml'));
        problemsAreMessages(parsed.problems, 'parseManifestText');
      }),
      options,
    );
  });
});

describe('fuzz: the snapshot loader', () => {
  const example = readFileSync(join(ROOT, 'examples', 'broken-cluster', 'snapshot.yaml'), 'utf8').slice(
    0,
    6000,
  );
  const seeds = [
    example,
    JSON.stringify({ apiVersion: 'v1', kind: 'PodList', items: [{ metadata: { name: 'a' }, status: {} }] }),
    JSON.stringify({
      apiVersion: 'shipshape.dev/v1alpha1',
      kind: 'Snapshot',
      metadata: { kindsMissing: [{ kind: 'Event', reason: 'x' }] },
      items: [],
    }),
  ];
  const inputs = fc.oneof(
    mutated(seeds),
    anyText,
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc
      .jsonValue({ maxDepth: 3 })
      .map((v) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [v, v] })),
  );
  it('never throws, as plain text or gzip; every problem says something', () => {
    let n = 0;
    fc.assert(
      fc.property(inputs, fc.boolean(), (text, gzip) => {
        const file = join(tmp, `snap-${n++}.json${gzip ? '.gz' : ''}`);
        writeFileSync(file, gzip ? gzipSync(text) : text);
        const result = bounded('loadSnapshot', () => loadSnapshot(file));
        problemsAreMessages(result.problems, 'loadSnapshot');
        for (const o of result.objects) assert.equal(typeof o.object.kind, 'string');
        rmSync(file);
      }),
      options,
    );
  });
  it('a truncated gzip is a problem, not a crash', () => {
    const file = join(tmp, 'cut.json.gz');
    writeFileSync(file, gzipSync(seeds[1]!).subarray(0, 20));
    assert.match(loadSnapshot(file).problems[0]?.message ?? '', /corrupt or truncated gzip/);
  });
});

describe('fuzz: the describe-text parser', () => {
  const seeds = ['pod-crashloop.txt', 'pending-with-nodes.txt', 'deployment.txt'].map((f) =>
    readFileSync(join(ROOT, 'src', 'sources', 'describe', 'testdata', f), 'utf8'),
  );
  it('never throws; every object has a kind and a name', () => {
    fc.assert(
      fc.property(fc.oneof(mutated(seeds), anyText), (text) => {
        const result = bounded('parseDescribe', () => parseDescribe(text, new Date('2026-11-28T00:00:00Z')));
        for (const o of result.objects) {
          assert.equal(typeof o.kind, 'string');
          assert.equal(typeof o.metadata?.name, 'string');
        }
      }),
      options,
    );
  });
});

describe('fuzz: the kubeconfig loader', () => {
  const seed = `apiVersion: v1
kind: Config
clusters:
- name: c
  cluster: {server: "https://127.0.0.1:6443", insecure-skip-tls-verify: true}
users:
- name: u
  user: {token: abc}
contexts:
- name: dev
  context: {cluster: c, user: u, namespace: shop}
current-context: dev
`;
  it('returns a kubeconfig or fails with a KubeconfigError, nothing else', () => {
    const warm = join(tmp, 'kubeconfig-warm');
    writeFileSync(warm, seed);
    loadKubeConfig({ kubeconfig: warm });
    let n = 0;
    fc.assert(
      fc.property(
        fc.oneof(mutated([seed]), anyText),
        fc.option(fc.constantFrom('dev', 'prod', '')),
        (text, context) => {
          const file = join(tmp, `kubeconfig-${n++}`);
          writeFileSync(file, text);
          try {
            const kc = bounded('loadKubeConfig', () =>
              loadKubeConfig({ kubeconfig: file, ...(context ? { context } : {}) }),
            );
            assert.equal(typeof kc.getCurrentContext(), 'string');
          } catch (error) {
            assert.ok(
              error instanceof KubeconfigError,
              `${(error as Error).name}: ${(error as Error).message}`,
            );
            assert.ok((error as Error).message.length > 10);
          } finally {
            rmSync(file);
          }
        },
      ),
      options,
    );
  });
});

describe('fuzz: the config loader', () => {
  const seed = `failOn: medium
include: [security]
exclude: [image-tag-mutable]
excludePaths: ["vendor/**"]
checks:
  labels-required-missing:
    severity: medium
    params:
      labels: [team, "owner=[a-z]+"]
  container-cpu-limit-missing: off
`;
  it('returns a configuration or fails with a UsageError, nothing else', () => {
    // Once before the cases: naming checks loads every check module, which is start-up, not the case's time.
    const warm = join(tmp, 'config-warm.yaml');
    writeFileSync(warm, seed);
    loadConfig(warm, tmp);
    let n = 0;
    fc.assert(
      fc.property(fc.oneof(mutated([seed]), anyText), (text) => {
        const file = join(tmp, `config-${n++}.yaml`);
        writeFileSync(file, text);
        try {
          const config = bounded('loadConfig', () => loadConfig(file, tmp));
          assert.ok(Array.isArray(config.include));
        } catch (error) {
          assert.ok(error instanceof UsageError, `${(error as Error).name}: ${(error as Error).message}`);
        } finally {
          rmSync(file);
        }
      }),
      options,
    );
  });
});
