// The gate every check passes: identity, metadata, tests beside it, registration, and an up-to-date runbook.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ALL_CHECKS } from '../src/checks/registry.ts';
import { CATEGORIES } from '../src/core/check.ts';
import { SEVERITIES } from '../src/core/severity.ts';
import { generatedDocs } from '../src/docs/generate.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const CHECKS_DIR = join(ROOT, 'src/checks');
const FOLDERS = readdirSync(CHECKS_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const PEERS = [
  'polaris',
  'kube-linter',
  'kubeconform',
  'pod-security',
  'kubescape',
  'k8sgpt',
  'popeye',
  'kor',
  'pluto',
];
const DOCS = generatedDocs(ALL_CHECKS);
const RUN_DOCS = 'run `npm run docs` and commit the result';

function isCheck(value: unknown): value is { id: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { id?: unknown }).id === 'string' &&
    typeof (value as { check?: unknown }).check === 'function'
  );
}

function filesOf(id: string): string[] {
  return FOLDERS.map((folder) => join('src/checks', folder, `${id}.ts`)).filter((f) =>
    existsSync(join(ROOT, f)),
  );
}

describe('check registry', () => {
  it('has checks, each id once', () => {
    assert.ok(ALL_CHECKS.length > 0);
    const seen = new Map<string, number>();
    for (const c of ALL_CHECKS) seen.set(c.id, (seen.get(c.id) ?? 0) + 1);
    const twice = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    assert.deepEqual(twice, [], 'check ids registered more than once');
  });

  it('registers every check file', async () => {
    const registered = new Set<unknown>(ALL_CHECKS);
    const unregistered: string[] = [];
    for (const folder of FOLDERS) {
      for (const name of readdirSync(join(CHECKS_DIR, folder))) {
        if (!name.endsWith('.ts') || name.endsWith('.test.ts') || name === 'index.ts') continue;
        const module = (await import(join(CHECKS_DIR, folder, name))) as Record<string, unknown>;
        // Helper modules beside checks are fine; a module exporting a check must have it registered.
        for (const value of Object.values(module)) {
          if (isCheck(value) && !registered.has(value))
            unregistered.push(`src/checks/${folder}/${name} (${value.id})`);
        }
      }
    }
    assert.deepEqual(unregistered, [], "checks not in ALL_CHECKS: add them to their folder's index.ts");
  });

  for (const check of ALL_CHECKS) {
    describe(check.id, () => {
      it('has a kebab-case id equal to its file name, and that file exports it', async () => {
        assert.match(check.id, KEBAB);
        const files = filesOf(check.id);
        assert.equal(
          files.length,
          1,
          `expected exactly one src/checks/<folder>/${check.id}.ts, found ${files.length}`,
        );
        const module = (await import(join(ROOT, files[0]!))) as Record<string, unknown>;
        assert.ok(
          Object.values(module).includes(check),
          `${files[0]} must export the check whose id is "${check.id}"`,
        );
      });

      it('has a test file beside it', () => {
        const files = filesOf(check.id);
        const test = files[0]?.replace(/\.ts$/, '.test.ts');
        assert.ok(test && existsSync(join(ROOT, test)), `missing ${test ?? `${check.id}.test.ts`}`);
      });

      it('has complete metadata', () => {
        for (const field of ['title', 'description', 'remediation'] as const) {
          const value = check[field];
          assert.ok(typeof value === 'string' && value.trim().length > 0, `${field} must not be empty`);
        }
        assert.ok((SEVERITIES as readonly string[]).includes(check.severity), `severity "${check.severity}"`);
        assert.ok((CATEGORIES as readonly string[]).includes(check.category), `category "${check.category}"`);
        assert.ok(
          check.appliesTo === 'all' || (Array.isArray(check.appliesTo) && check.appliesTo.length > 0),
          'appliesTo must be "all" or a non-empty list of kinds',
        );
        for (const link of check.docs ?? []) assert.match(link, /^https:\/\//, `docs link "${link}"`);
        for (const [peer, ids] of Object.entries(check.peers ?? {})) {
          assert.ok(PEERS.includes(peer), `unknown peer "${peer}"`);
          assert.ok(
            Array.isArray(ids) && ids.every((id) => typeof id === 'string' && id !== ''),
            `peers.${peer}`,
          );
        }
        if (check.params !== undefined)
          assert.ok(
            typeof check.params === 'object' && !Array.isArray(check.params),
            'params must be a mapping',
          );
      });

      it('documents the safety of each kind of fix it offers (decision 0037)', () => {
        const source = filesOf(check.id)
          .map((f) => readFileSync(join(ROOT, f), 'utf8'))
          .join('\n');
        for (const kind of ['safe', 'suggested'] as const) {
          if (source.includes(`safety: '${kind}'`))
            assert.ok(check.fixes?.[kind], `offers ${kind} fixes, so fixes.${kind} must say when`);
        }
      });

      it('has an up-to-date runbook', () => {
        const path = `docs/runbooks/${check.id}.md`;
        const file = join(ROOT, path);
        assert.ok(existsSync(file), `${path} is missing: ${RUN_DOCS}`);
        assert.ok(readFileSync(file, 'utf8') === DOCS.get(path), `${path} is out of date: ${RUN_DOCS}`);
      });
    });
  }

  it('docs/checks.md is up to date, with no runbook left for a removed check', () => {
    const file = join(ROOT, 'docs/checks.md');
    assert.ok(
      existsSync(file) && readFileSync(file, 'utf8') === DOCS.get('docs/checks.md'),
      `docs/checks.md: ${RUN_DOCS}`,
    );
    const stale = readdirSync(join(ROOT, 'docs/runbooks')).filter(
      (name) => name.endsWith('.md') && !DOCS.has(`docs/runbooks/${name}`),
    );
    assert.deepEqual(stale, [], `runbooks of checks that no longer exist: ${RUN_DOCS}`);
  });
});
