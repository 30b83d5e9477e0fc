// What decision 0046 does to save memory must not change a single finding: values compacted as they are frozen
// (compared with the careful reader's values before compaction), and derived indexes forgotten after their last
// reader (compared with a run that keeps every index). Inputs: the examples, the fixtures, and the benchmark
// generator's corpus in both YAML styles.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { generate } from '../bench/generate.ts';
import { REVIEW_CHECKS } from '../src/checks/review-checks.ts';
import { runChecks, type SelectedCheck } from '../src/core/engine.ts';
import { ObjectIndex } from '../src/core/index.ts';
import { loadFiles } from '../src/sources/files/load-files.ts';
import { parseManifestText, readCarefully } from '../src/sources/files/parse-yaml.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'shipshape-memory-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
generate(join(scratch, 'plain'), 2000, 42, 'plain');
generate(join(scratch, 'anchors'), 2000, 42, 'anchors');

const INPUTS = [
  join(ROOT, 'examples'),
  join(ROOT, 'test/fixtures/cli'),
  join(ROOT, 'test/fixtures/kustomize'),
  join(ROOT, 'test/fixtures/precision'),
  join(scratch, 'plain'),
  join(scratch, 'anchors'),
];

const ALL: SelectedCheck[] = REVIEW_CHECKS.map((check) => ({
  check,
  params: check.params ?? {},
  severity: check.severity,
}));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((file) => /\.ya?ml$/.test(file) && statSync(file).isFile());
}

describe('memory savings keep every result (decision 0046)', () => {
  for (const input of INPUTS) {
    const name = input.slice(input.lastIndexOf('/') + 1);

    it(`${name}: the same findings whether derived indexes are forgotten or kept`, () => {
      const run = (selected: readonly SelectedCheck[]) => {
        const loaded = loadFiles([input]);
        const index = new ObjectIndex(loaded.objects, { partial: true });
        const result = runChecks(index, selected, { now: new Date(0) });
        return JSON.stringify(result);
      };
      const keepingAll = ALL.map((one) => ({ ...one, check: { ...one.check, indexes: [] } }));
      const forgetting = run(ALL);
      assert.ok(forgetting.length > 100);
      assert.equal(forgetting, run(keepingAll));
    });

    it(`${name}: compacted values equal the values as read`, () => {
      let compared = 0;
      for (const file of yamlFiles(input)) {
        const text = readFileSync(file, 'utf8');
        if (text.includes('{{')) continue; // a template, not YAML yet
        const read = readCarefully(text, file).documents.filter(
          (d) => d.value !== null && typeof d.value === 'object' && !Array.isArray(d.value),
        );
        const { objects } = parseManifestText(text, file);
        if (objects.length !== read.length) continue; // Lists and documents that are not objects
        objects.forEach((loaded, i) => {
          const value = read[i]!.value as Record<string, unknown>;
          assert.deepEqual(loaded.object, { ...value, metadata: value.metadata ?? {} }, `${file}#${i}`);
          assert.ok(Object.isFrozen(loaded.object));
          compared++;
        });
      }
      assert.ok(compared > 0, `no object compared in ${input}`);
    });
  }
});
