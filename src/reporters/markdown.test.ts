import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cell, MARKDOWN_MAX_FINDINGS, markdownReporter } from './markdown.ts';
import { SAMPLE_RULES, sampleReport } from './testing/sample-report.ts';

describe('markdown reporter', () => {
  it('starts with a summary table of severities', () => {
    const md = markdownReporter(sampleReport(), { color: false });
    assert.ok(md.startsWith('### shipshape review: 3 findings\n'), md);
    assert.ok(md.includes('| 🔴 high | 2 |\n| 🟠 medium | 0 |\n| 🔵 low | 1 |'), md);
    assert.ok(md.includes('4 objects checked · 1 suppressed · 1 input error'), md);
  });

  it('groups findings by file with badges, escaped cells and runbook links', () => {
    const md = markdownReporter(sampleReport(), { color: false, rules: SAMPLE_RULES });
    assert.ok(md.includes('#### `k8s/app.yaml`'), md);
    const row = md.split('\n').find((l) => l.includes('| 30 |'))!;
    assert.ok(
      row.startsWith(
        '| 🔴 high | 30 | Service shop/web | Service "web" selects pods with app=w\\<e\\>b &amp; tier="a,b:c" 100%<br>second line <br>`spec.selector` |',
      ),
      row,
    );
    assert.equal(row.split(/(?<!\\)\|/).length, 7, 'the pipe in the message does not add a column');
    assert.ok(
      row.endsWith(
        '[service-selector-no-match](https://github.com/shipshape-dev/shipshape/blob/main/docs/runbooks/service-selector-no-match.md) |',
      ),
      row,
    );
    assert.ok(md.includes('- **[image-tag-mutable]('), md);
    assert.ok(
      md.includes(
        '(Image has no tag or uses a mutable tag such as "latest"): Pin the image to a version tag.',
      ),
      md,
    );
  });

  it('folds skipped files with their reasons', () => {
    const md = markdownReporter(sampleReport(), { color: false });
    assert.ok(md.includes('<details><summary>Skipped files (1)</summary>'), md);
    assert.ok(
      md.includes(
        '- `.github/workflows/ci.yml`: a GitHub Actions workflow: no apiVersion or kind, not a Kubernetes manifest',
      ),
      md,
    );
  });

  it('folds suppressed findings with their reasons and lists input errors', () => {
    const md = markdownReporter(sampleReport(), { color: false });
    assert.ok(md.includes('<details><summary>Suppressed findings</summary>'), md);
    assert.ok(
      md.includes('| image-tag-mutable | Deployment shop/legacy | vendored chart, tracked in JIRA-12 |'),
      md,
    );
    assert.ok(md.includes('- `k8s/broken.yaml:4`: invalid YAML: bad indentation'), md);
  });

  it('caps the listed findings for comment size limits', () => {
    const report = sampleReport();
    const base = report.findings[0]!;
    report.findings = Array.from({ length: MARKDOWN_MAX_FINDINGS + 5 }, (_, i) => ({ ...base, line: i + 1 }));
    const md = markdownReporter(report, { color: false });
    assert.equal(
      md.split('\n').filter((l) => l.startsWith('| 🔴 high | ') && l.endsWith('.md) |')).length,
      MARKDOWN_MAX_FINDINGS,
    );
    assert.ok(md.includes('_5 more findings not listed'), md);
  });

  it('says so when there is nothing to fix', () => {
    const report = sampleReport();
    report.findings = [];
    report.errors = [];
    report.summary = {
      ...report.summary,
      findings: 0,
      suppressed: 0,
      bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    };
    const md = markdownReporter(report, { color: false });
    assert.ok(md.startsWith('### ✅ shipshape review: no findings'), md);
    assert.ok(!md.includes('How to fix'));
    assert.equal(cell('a|b'), 'a\\|b');
  });
});
