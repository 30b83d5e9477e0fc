import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { contractValidator } from '../../src/reporters/testing/contract.ts';
import { fixtureCopy, PINNED, shipshape } from './cli-support.ts';

const { dir, cleanup } = fixtureCopy();
after(cleanup);
const validate = contractValidator();

// biome-ignore lint/suspicious/noExplicitAny: a parsed report, validated against the contract schema.
function json(stdout: string): any {
  const report = JSON.parse(stdout);
  assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
  return report;
}

describe('shipshape review', { concurrency: 3 }, () => {
  it('reports planted mistakes at file:line:col and exits 1 at the default --fail-on high', () => {
    const run = shipshape(['review', 'app', ...PINNED, '--no-color'], { cwd: dir });
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^app\/app\.yaml\n/);
    assert.match(
      run.stdout,
      /app\/app\.yaml:18:11 {2}high {6}Deployment shop\/web: container "app" image "nginx:latest" uses the mutable tag "latest" {2}\[image-tag-mutable\]/,
    );
    assert.match(
      run.stdout,
      /app\/app\.yaml:26:3 {2}high {6}Service shop\/web: Service "web" selects pods with app=wbe/,
    );
    assert.match(run.stdout, /\n2 findings \(2 high\) · 2 objects checked\n$/);
  });

  it('--fail-on decides exit 1 versus 0; a clean input exits 0', () => {
    assert.equal(shipshape(['review', 'app', ...PINNED, '--fail-on', 'critical'], { cwd: dir }).status, 0);
    assert.equal(shipshape(['review', 'app', ...PINNED, '--fail-on', 'none'], { cwd: dir }).status, 0);
    const clean = shipshape(['review', 'clean', ...PINNED, '--fail-on', 'info'], { cwd: dir });
    assert.equal(clean.status, 0, clean.stdout);
    assert.equal(clean.stdout, 'no findings · 2 objects checked\n');
    const bad = shipshape(['review', 'app', '--fail-on', 'sometimes'], { cwd: dir });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--fail-on must be one of critical, high, medium, low, info, none/);
  });

  it('exits 2 when input cannot be read, and still reviews the rest', () => {
    const run = shipshape(['review', 'broken', 'app', 'missing.yaml', ...PINNED, '-o', 'json'], { cwd: dir });
    assert.equal(run.status, 2);
    const report = json(run.stdout);
    assert.equal(report.summary.findings, 2);
    assert.deepEqual(
      report.errors.map((e: { file: string }) => e.file),
      ['broken/bad.yaml', 'missing.yaml'],
    );
    assert.equal(report.errors[0].line, 6);
  });

  it('-o json follows the contract and stdout holds nothing else', () => {
    const run = shipshape(['review', 'app', 'ignored', ...PINNED, '-o', 'json'], { cwd: dir });
    assert.equal(run.stderr, '');
    const report = json(run.stdout);
    assert.equal(report.tool.name, 'shipshape');
    assert.deepEqual(report.source, { kind: 'files', paths: ['app', 'ignored'] });
    const image = report.findings.find((f: { check: string }) => f.check === 'image-tag-mutable');
    assert.deepEqual(
      { ...image, fingerprint: undefined },
      {
        check: 'image-tag-mutable',
        severity: 'high',
        category: 'reliability',
        object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
        path: 'spec.template.spec.containers[0].image',
        file: 'app/app.yaml',
        line: 18,
        column: 11,
        message: 'container "app" image "nginx:latest" uses the mutable tag "latest"',
        remediation: image.remediation,
        runbook: 'docs/runbooks/image-tag-mutable.md',
        fingerprint: undefined,
      },
    );
  });

  it('keeps findings silenced by shipshape.dev/ignore as suppressed, with the reason, not counted', () => {
    const run = shipshape(['review', 'ignored', ...PINNED, '-o', 'json', '--fail-on', 'info'], { cwd: dir });
    assert.equal(run.status, 0, 'a suppressed finding does not fail the run');
    const report = json(run.stdout);
    assert.equal(report.summary.findings, 0);
    assert.equal(report.summary.suppressed, 1);
    assert.deepEqual(report.findings[0].suppressed, {
      reason: 'vendored image, pinned by digest at deploy time',
    });
    const text = shipshape(['review', 'ignored', ...PINNED], { cwd: dir });
    assert.ok(!text.stdout.includes('busybox'), text.stdout);
    assert.match(text.stdout, /1 suppressed \(list them with --show-suppressed\)/);
    const shown = shipshape(['review', 'ignored', ...PINNED, '--show-suppressed'], { cwd: dir });
    assert.match(shown.stdout, /suppressed: vendored image, pinned by digest at deploy time/);
  });

  it('--include and --exclude pick checks by id or category', () => {
    const only = json(
      shipshape(['review', 'app', '--include', 'image-tag-mutable', '-o', 'json'], { cwd: dir }).stdout,
    );
    assert.deepEqual(
      [...new Set(only.findings.map((f: { check: string }) => f.check))],
      ['image-tag-mutable'],
    );
    const without = json(
      shipshape(['review', 'app', ...PINNED, '--exclude', 'image-tag-mutable', '-o', 'json'], { cwd: dir })
        .stdout,
    );
    assert.deepEqual(
      without.findings.map((f: { check: string }) => f.check),
      ['service-selector-no-match'],
    );
    const category = json(
      shipshape(['review', 'app', '--include', 'networking', '-o', 'json'], { cwd: dir }).stdout,
    );
    assert.ok(category.findings.every((f: { category: string }) => f.category === 'networking'));
    assert.ok(category.findings.some((f: { check: string }) => f.check === 'service-selector-no-match'));
  });

  it('reads stdin for "-"', () => {
    const input =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: redis\n';
    const run = shipshape(['review', '-', ...PINNED, '-o', 'json'], { cwd: dir, input });
    const report = json(run.stdout);
    assert.equal(run.status, 1);
    assert.equal(report.findings[0].file, '<stdin>');
    assert.equal(report.findings[0].line, 7);
    assert.equal(report.findings[0].message, 'container "c" image "redis" has no tag');
  });

  it('colours only when forced, and never with NO_COLOR', () => {
    const plain = shipshape(['review', 'app', ...PINNED], { cwd: dir });
    assert.ok(!plain.stdout.includes('\u001b['), 'no colour when stdout is not a terminal');
    const forced = shipshape(['review', 'app', ...PINNED], { cwd: dir, env: { FORCE_COLOR: '1' } });
    assert.ok(forced.stdout.includes('\u001b[31mhigh'), forced.stdout);
    const off = shipshape(['review', 'app', ...PINNED], {
      cwd: dir,
      env: { FORCE_COLOR: '1', NO_COLOR: '1' },
    });
    assert.ok(!off.stdout.includes('\u001b['), off.stdout);
  });

  it('prints every output format; unknown formats and options exit 2', () => {
    for (const format of ['sarif', 'junit', 'github', 'markdown']) {
      const run = shipshape(['review', 'app', ...PINNED, '-o', format], { cwd: dir });
      assert.equal(run.status, 1, `${format}: ${run.stderr}`);
      assert.ok(run.stdout.includes('image-tag-mutable'), format);
      assert.equal(run.stderr, '');
    }
    const unknown = shipshape(['review', 'app', '-o', 'yaml'], { cwd: dir });
    assert.equal(unknown.status, 2);
    assert.match(
      unknown.stderr,
      /unknown output format "yaml"; use one of text, json, sarif, junit, github, markdown/,
    );
    const option = shipshape(['review', 'app', '--frobnicate'], { cwd: dir });
    assert.equal(option.status, 2);
    assert.match(option.stderr, /unknown option '--frobnicate'/);
  });
});
