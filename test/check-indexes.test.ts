// Every review check lists the derived indexes it reads (check.indexes): the engine forgets each index after its
// last reader, so a large review never holds them all at once (decision 0046). A read the check does not list
// still works (memo() builds the index again), but it brings back the memory, or costs a second build; this
// keeps the lists honest on inputs that reach the indexes: the examples, the fixtures, every check's own example.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REVIEW_CHECKS } from '../src/checks/review-checks.ts';
import type { AnyCheck } from '../src/core/check.ts';
import { runChecks } from '../src/core/engine.ts';
import { ObjectIndex } from '../src/core/index.ts';
import type { LoadedObject } from '../src/core/object.ts';
import { loadFiles } from '../src/sources/files/load-files.ts';
import { parseManifestText } from '../src/sources/files/parse-yaml.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const INPUTS = ['examples', 'test/fixtures/cli', 'test/fixtures/kustomize', 'test/fixtures/precision'];

/** An index that records which derived indexes were asked for while `reader` ran. */
class RecordingIndex extends ObjectIndex {
  reader = '';
  readonly reads = new Map<string, Set<string>>();

  override memo<T>(key: string, build: (index: ObjectIndex) => T): T {
    const keys = this.reads.get(this.reader) ?? new Set<string>();
    keys.add(key);
    this.reads.set(this.reader, keys);
    return super.memo(key, build);
  }
}

function inputs(): LoadedObject[][] {
  const sets = [loadFiles(INPUTS.map((p) => join(ROOT, p))).objects];
  for (const check of REVIEW_CHECKS) {
    for (const text of [check.example?.bad, check.example?.good])
      if (text) sets.push(parseManifestText(text, `${check.id}.yaml`).objects);
  }
  return sets;
}

function readsOf(checks: readonly AnyCheck[]): Map<string, Set<string>> {
  const all = new Map<string, Set<string>>();
  for (const objects of inputs()) {
    const index = new RecordingIndex(objects, { partial: true });
    for (const check of checks) {
      index.reader = check.id;
      // Listing nothing, so the engine keeps every index it built and the next check's reads are seen too.
      const one = { check: { ...check, indexes: [] }, params: check.params ?? {}, severity: check.severity };
      runChecks(index, [one], { now: new Date(0) });
    }
    for (const [id, keys] of index.reads) {
      const known = all.get(id) ?? new Set();
      for (const key of keys) known.add(key);
      all.set(id, known);
    }
  }
  return all;
}

describe('check.indexes', () => {
  it('every derived index a review check reads is listed in its indexes', () => {
    const reads = readsOf(REVIEW_CHECKS);
    const unlisted: string[] = [];
    for (const check of REVIEW_CHECKS) {
      const listed = new Set(check.indexes ?? []);
      for (const key of reads.get(check.id) ?? []) if (!listed.has(key)) unlisted.push(`${check.id}: ${key}`);
    }
    assert.deepEqual(unlisted, []);
  });

  it('every listed index is one some check reads (no stale or misspelt keys)', () => {
    const reads = readsOf(REVIEW_CHECKS);
    const read = new Set([...reads.values()].flatMap((keys) => [...keys]));
    const stale = REVIEW_CHECKS.flatMap((c) =>
      (c.indexes ?? []).filter((key) => !read.has(key)).map((key) => `${c.id}: ${key}`),
    );
    assert.deepEqual(stale, []);
  });
});
