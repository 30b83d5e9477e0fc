// `shipshape alerts lint` end to end: one bad rule file per check id reports exactly that id, with the file's
// line; and on every fixture shipshape agrees with the real promtool (Debian `prometheus`) about which files
// Prometheus would refuse to load.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, shipshape } from './cli-support.ts';

const DIR = join(ROOT, 'test/fixtures/alert-rules');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yml'));
const REFUSED = new Set(['rule-invalid', 'alert-template-invalid']);
const promtool = spawnSync('promtool', ['--version']).status === 0 ? 'promtool' : undefined;

interface Json {
  findings: { check: string; line?: number; file?: string; severity: string }[];
  errors: unknown[];
}

function lint(file: string, ...flags: string[]): { status: number | null; json: Json } {
  const run = shipshape(['alerts', 'lint', join(DIR, file), '-o', 'json', ...flags]);
  return { status: run.status, json: JSON.parse(run.stdout) as Json };
}

describe('alerts lint', { concurrency: 2 }, () => {
  for (const file of FILES.filter((f) => f !== 'clean.yml')) {
    const id =
      {
        'alert-template-unclosed.yml': 'alert-template-invalid',
        'rule-invalid-unknown-field.yml': 'rule-invalid',
      }[file] ?? file.replace(/\.yml$/, '');
    it(`${file} reports exactly ${id}, at a line of the file`, () => {
      const { json } = lint(file);
      assert.deepEqual([...new Set(json.findings.map((f) => f.check))], [id]);
      for (const f of json.findings) {
        assert.equal(f.file, join(DIR, file));
        assert.ok(f.line && f.line > 1, 'a line inside the file');
      }
    });
  }

  it('a clean file has no findings and exits 0', () => {
    const { status, json } = lint('clean.yml');
    assert.deepEqual(json.findings, []);
    assert.equal(status, 0);
  });

  it('points at the line of the field in a plain rule file', () => {
    const { json } = lint('alert-template-invalid.yml');
    assert.equal(json.findings[0]?.line, 9);
    const absent = lint('alert-absent-label-lost.yml').json;
    assert.equal(absent.findings[0]?.line, 8);
  });

  it('--scrape-interval changes what is too short; a bad value exits 2', () => {
    assert.deepEqual(lint('rule-rate-range-too-short.yml', '--scrape-interval', '15s').json.findings, []);
    const bad = shipshape(['alerts', 'lint', join(DIR, 'clean.yml'), '--scrape-interval', '1 minute']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--scrape-interval "1 minute" is not a duration/);
  });

  it('a missing file and a file with no rules are errors (exit 2); the others are still linted', () => {
    const run = shipshape([
      'alerts',
      'lint',
      join(DIR, 'nope.yml'),
      join(ROOT, 'package.json'),
      join(DIR, 'alert-for-missing.yml'),
      '-o',
      'json',
    ]);
    assert.equal(run.status, 2);
    const json = JSON.parse(run.stdout) as Omit<Json, 'errors'> & { errors: { message: string }[] };
    assert.match(
      json.errors.map((e) => e.message).join('\n'),
      /no such file or directory[\s\S]*holds no Prometheus rule groups/,
    );
    assert.deepEqual(
      json.findings.map((f) => f.check),
      ['alert-for-missing'],
    );
  });

  it('agrees with promtool check rules on which files Prometheus refuses', {
    skip: promtool ? false : 'promtool not installed (Debian package "prometheus"; .ci/run installs it)',
  }, () => {
    const disagreements: string[] = [];
    for (const file of FILES) {
      const refusedByPromtool = spawnSync(promtool!, ['check', 'rules', join(DIR, file)]).status !== 0;
      const refusedByUs = lint(file).json.findings.some((f) => REFUSED.has(f.check));
      if (refusedByPromtool !== refusedByUs)
        disagreements.push(
          `${file}: promtool ${refusedByPromtool ? 'refuses' : 'accepts'}, shipshape ${refusedByUs ? 'refuses' : 'accepts'}`,
        );
    }
    assert.deepEqual(disagreements, []);
  });
});
