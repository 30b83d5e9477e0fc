// Messages never print a JavaScript value's default rendering: where a manifest has a mapping or a list where a
// string belongs (an unrendered template, a typo), findings name the field or say nothing, never
// "[object Object]" (issue #14, item 8).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REVIEW_CHECKS } from '../../src/checks/review-checks.ts';
import { emptyConfig } from '../../src/core/config.ts';
import { runChecks, selectChecks } from '../../src/core/engine.ts';
import { ObjectIndex } from '../../src/core/index.ts';
import { deepFreeze, type LoadedObject } from '../../src/core/object.ts';
import { parseManifestText } from '../../src/sources/files/parse-yaml.ts';
import { ROOT } from './cli-support.ts';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** Every string leaf below the identity fields replaced by `value`. */
function replaceStrings(node: unknown, value: unknown, depth = 0): unknown {
  if (typeof node === 'string') return value;
  if (Array.isArray(node)) return node.map((n) => replaceStrings(n, value, depth + 1));
  if (node !== null && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node))
      out[k] = depth === 0 && (k === 'apiVersion' || k === 'kind') ? v : replaceStrings(v, value, depth + 1);
    return out;
  }
  return node;
}

const SOURCES = [...yamlFiles(join(ROOT, 'examples')), ...yamlFiles(join(ROOT, 'test/fixtures/precision'))];

describe('messages', () => {
  for (const [label, value] of [
    ['a mapping', { cell: 'x' }],
    ['a list', ['a', 'b']],
  ] as const) {
    it(`never print "[object Object]" when ${label} stands where a string belongs`, () => {
      const objects: LoadedObject[] = [];
      for (const file of SOURCES) {
        for (const loaded of parseManifestText(readFileSync(file, 'utf8'), file).objects) {
          const object = replaceStrings(loaded.object, value) as LoadedObject['object'];
          object.metadata = { ...(object.metadata ?? {}), name: loaded.ref.name };
          if (loaded.ref.namespace) object.metadata.namespace = loaded.ref.namespace;
          objects.push({ ...loaded, object: deepFreeze(object) });
        }
      }
      assert.ok(objects.length > 50, 'enough objects to mean something');
      const settings = { now: new Date('2026-12-01T00:00:00Z') };
      const result = runChecks(
        new ObjectIndex(objects, { partial: true }),
        selectChecks(REVIEW_CHECKS, emptyConfig(), settings),
        settings,
      );
      assert.deepEqual(result.problems, [], 'no check crashes');
      const bad = result.findings.filter((f) => /\[object Object\]|\bundefined\b|\bNaN\b/.test(f.message));
      assert.deepEqual(
        bad.map((f) => `${f.check}: ${f.message}`),
        [],
      );
    });
  }
});
