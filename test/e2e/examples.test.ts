// The bundled examples are the README's promise: the reviewer exercise reports each planted mistake at its
// line, and the clean app reports nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import type { Report } from '../../src/core/report.ts';

const review = (...paths: string[]) => {
  const run = spawnSync(
    process.execPath,
    ['src/cli/main.ts', 'review', ...paths, '-o', 'json', '--fail-on', 'none'],
    {
      encoding: 'utf8',
    },
  );
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Report;
};

describe('bundled examples', () => {
  it('reviewer exercise: every planted mistake at its line', () => {
    const report = review('examples/reviewer-exercise');
    assert.deepEqual(report.errors, []);
    const at = (check: string) => report.findings.filter((f) => f.check === check).map((f) => f.line);
    assert.deepEqual(at('image-tag-mutable'), [22], 'latest tag');
    assert.deepEqual(at('env-secret-literal'), [27], 'plaintext password');
    assert.deepEqual(at('container-privileged'), [29], 'privileged container');
    assert.deepEqual(
      at('schema-unknown-field'),
      [30],
      'resources indented under the template, not the container',
    );
    assert.deepEqual(at('service-selector-no-match'), [40], 'Service selector typo');
    assert.deepEqual(
      at('ingress-backend-service-missing'),
      [59],
      'Ingress points at a Service that does not exist',
    );
    assert.ok(at('container-cpu-request-missing').length > 0, 'missing requests');
    // Secret values never appear in output.
    assert.doesNotMatch(JSON.stringify(report), /hunter2/);
  });
  it('clean app: no findings at all', () => {
    const report = review('examples/clean-app');
    assert.deepEqual(
      report.findings.map((f) => `${f.check} ${f.file}:${f.line} ${f.message}`),
      [],
    );
    assert.deepEqual(report.errors, []);
    assert.ok(report.summary.objects >= 10);
  });
  it('quick start (both examples in one run): still nothing on the clean app', () => {
    // Cross-object lookups see both directories; the examples must not borrow each other's objects.
    const report = review('examples/reviewer-exercise', 'examples/clean-app');
    assert.deepEqual(
      report.findings.filter((f) => f.file?.includes('clean-app')).map((f) => `${f.check} ${f.line}`),
      [],
    );
    assert.ok(report.findings.some((f) => f.file?.includes('reviewer-exercise')));
  });
});
