import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildReport } from '../core/report.ts';
import { sampleReport } from './testing/sample-report.ts';
import { summaryLine, textReporter } from './text.ts';

describe('text reporter', () => {
  it('groups by file and starts each finding with file:line:col', () => {
    const out = textReporter(sampleReport(), { color: false });
    const lines = out.split('\n');
    const header = lines.indexOf('k8s/app.yaml');
    assert.ok(header >= 0, out);
    assert.match(
      lines[header + 1]!,
      /^ {2}k8s\/app\.yaml:12:16 {2}high {6}Deployment shop\/web: container "app"/,
    );
    assert.match(lines[header + 1]!, /\[image-tag-mutable\]$/);
    assert.ok(out.includes('k8s/dir with space/job.yaml:3:1  low'), out);
  });

  it('shows the remediation once per check and file', () => {
    const report = sampleReport();
    report.findings.push({ ...report.findings[0]!, line: 20, fingerprint: 'aaaaaaaaaaaaaaaa' });
    const out = textReporter(report, { color: false });
    assert.equal(out.split('fix: Pin the image to a version tag').length - 1, 1, out);
    assert.ok(out.includes('fix: Make the Service selector'), out);
  });

  it('hides suppressed findings unless asked, and then shows the reason', () => {
    const hidden = textReporter(sampleReport(), { color: false });
    assert.ok(!hidden.includes('legacy'), hidden);
    assert.ok(hidden.includes('1 suppressed (list them with --show-suppressed)'), hidden);
    const shown = textReporter(sampleReport(), { color: false, showSuppressed: true });
    assert.ok(shown.includes('k8s/legacy.yaml:9:18'), shown);
    assert.ok(shown.includes('suppressed: vendored chart, tracked in JIRA-12'), shown);
  });

  it('names every build of a finding found in several (a base and its overlays) under it', () => {
    const report = sampleReport();
    const first = report.findings[0]!;
    first.builds = [
      { dir: 'k8s/base', object: { ...first.object, name: 'web' } },
      { dir: 'k8s/overlays/prod', object: { ...first.object, namespace: 'prod', name: 'prod-web' } },
    ];
    const lines = textReporter(report, { color: false }).split('\n');
    const at = lines.findIndex((l) => l.includes('[image-tag-mutable]'));
    assert.equal(lines[at + 1], '      in 2 builds: k8s/base (shop/web), k8s/overlays/prod (prod/prod-web)');
  });

  it('names the one build of a problem only that overlay has in a shared base', () => {
    const report = sampleReport();
    const first = report.findings[0]!;
    first.builds = [
      { dir: 'k8s/overlays/prod', object: { ...first.object, namespace: 'prod', name: 'prod-web' } },
    ];
    const lines = textReporter(report, { color: false }).split('\n');
    const at = lines.findIndex((l) => l.includes('[image-tag-mutable]'));
    assert.equal(lines[at + 1], '      only in build k8s/overlays/prod (prod/prod-web)');
  });

  it('lists skipped files with their reason and counts them in the summary', () => {
    const out = textReporter(sampleReport(), { color: false });
    const lines = out.split('\n');
    const header = lines.indexOf('skipped (not reviewed)');
    assert.ok(header >= 0, out);
    assert.equal(
      lines[header + 1],
      '  .github/workflows/ci.yml  a GitHub Actions workflow: no apiVersion or kind, not a Kubernetes manifest',
    );
    assert.match(out, / · 1 skipped\n$/);
    const many = sampleReport();
    many.skipped = Array.from({ length: 25 }, (_, i) => ({ file: `f${i}.yaml`, reason: 'r' }));
    const long = textReporter(many, { color: false });
    assert.ok(long.includes('  f19.yaml  r') && !long.includes('  f20.yaml  r'), long);
    assert.ok(long.includes('… and 5 more (-o json lists every one)'), long);
  });

  it('keeps each finding on one line even when the message has a newline', () => {
    const out = textReporter(sampleReport(), { color: false });
    const line = out.split('\n').find((l) => l.includes('k8s/app.yaml:30:3'))!;
    assert.ok(line.includes('100% ⏎ second line'), line);
  });

  it('lists input errors with their position', () => {
    const out = textReporter(sampleReport(), { color: false });
    assert.ok(out.includes('errors\n  k8s/broken.yaml:4:7  error  invalid YAML: bad indentation'), out);
  });

  it('uses ANSI colours only when asked', () => {
    assert.ok(!textReporter(sampleReport(), { color: false }).includes('\u001b['));
    const coloured = textReporter(sampleReport(), { color: true });
    assert.ok(coloured.includes('\u001b[31mhigh'), coloured);
  });

  it('ends with a one-line summary', () => {
    const out = textReporter(sampleReport(), { color: false }).trimEnd().split('\n');
    assert.equal(
      out.at(-1),
      '3 findings (2 high, 1 low) · 4 objects checked · 1 suppressed (list them with --show-suppressed) · 1 error · 1 skipped',
    );
    const empty = buildReport({
      version: '0.1.0',
      command: 'review',
      source: { kind: 'files', paths: ['a.yaml'] },
      objects: 1,
      findings: [],
      problems: [],
    });
    assert.equal(textReporter(empty, { color: false }), 'no findings · 1 object checked\n');
    assert.equal(summaryLine(empty), 'no findings · 1 object checked');
  });
});
