import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { sarifLevel, sarifReporter } from './sarif.ts';
import { SAMPLE_RULES, sampleReport } from './testing/sample-report.ts';

// biome-ignore lint/suspicious/noExplicitAny: CJS default export interop.
const Ajv04 = ((Ajv04Module as any).default ?? Ajv04Module) as typeof import('ajv-draft-04').default;
const addFormats = addFormatsModule as unknown as (ajv: InstanceType<typeof Ajv04>) => unknown;

/** The official OASIS SARIF 2.1.0 schema, vendored under test/fixtures/sarif/ (see the README there). */
function officialValidator() {
  const schema = JSON.parse(
    readFileSync(new URL('../../test/fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
  );
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

function sarif(rules = SAMPLE_RULES) {
  // biome-ignore lint/suspicious/noExplicitAny: walking a parsed JSON document.
  return JSON.parse(sarifReporter(sampleReport(), { color: false, rules })) as any;
}

describe('sarif reporter', () => {
  it('is valid against the official SARIF 2.1.0 schema', () => {
    const validate = officialValidator();
    for (const log of [sarif(), sarif([])]) {
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    }
  });

  it('the official schema rejects a broken log (the validator is live)', () => {
    const validate = officialValidator();
    const log = sarif();
    log.runs[0].results[0].level = 'fatal';
    log.runs[0].results[1].locations[0].physicalLocation.region.startLine = 0;
    assert.equal(validate(log), false);
  });

  it('describes each rule once with metadata and a runbook helpUri', () => {
    const { rules } = sarif().runs[0].tool.driver;
    assert.deepEqual(
      rules.map((r: { id: string }) => r.id),
      ['image-tag-mutable', 'service-selector-no-match'],
    );
    assert.equal(rules[0].shortDescription.text, 'Image has no tag or uses a mutable tag such as "latest"');
    assert.equal(rules[0].fullDescription.text, 'An image without a tag resolves to "latest".');
    assert.match(rules[0].helpUri, /^https:\/\/.+\/docs\/runbooks\/image-tag-mutable\.md$/);
    assert.equal(rules[0].defaultConfiguration.level, 'error');
    // Without metadata the rule still has its id, remediation and runbook.
    const bare = sarif([]).runs[0].tool.driver.rules[1];
    assert.equal(bare.shortDescription.text, 'service-selector-no-match');
    assert.equal(bare.help.text, 'Make the Service selector equal to the pod labels | see <docs>.');
  });

  it('maps severities to levels and keeps positions, fingerprints and suppressions', () => {
    assert.deepEqual((['critical', 'high', 'medium', 'low', 'info'] as const).map(sarifLevel), [
      'error',
      'error',
      'warning',
      'note',
      'note',
    ]);
    const run = sarif().runs[0];
    const [first, , third, fourth] = run.results;
    assert.equal(first.ruleId, 'image-tag-mutable');
    assert.equal(first.ruleIndex, 0);
    assert.equal(first.level, 'error');
    assert.deepEqual(first.locations[0].physicalLocation, {
      artifactLocation: { uri: 'k8s/app.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12, startColumn: 16 },
    });
    assert.deepEqual(first.partialFingerprints, { 'shipshape/v1': '0123456789abcdef' });
    assert.equal(
      first.message.text,
      'Deployment shop/web: container "app" image "nginx:latest" uses the mutable tag "latest"',
    );
    assert.equal(third.level, 'note');
    assert.equal(third.locations[0].physicalLocation.artifactLocation.uri, 'k8s/dir%20with%20space/job.yaml');
    assert.equal(first.suppressions, undefined);
    assert.deepEqual(fourth.suppressions, [
      { kind: 'inSource', justification: 'vendored chart, tracked in JIRA-12' },
    ]);
  });

  it('reports input errors as tool notifications', () => {
    const invocation = sarif().runs[0].invocations[0];
    assert.equal(invocation.executionSuccessful, false);
    assert.equal(invocation.toolExecutionNotifications[0].message.text, 'invalid YAML: bad indentation');
    assert.deepEqual(invocation.toolExecutionNotifications[0].locations[0].physicalLocation.region, {
      startLine: 4,
      startColumn: 7,
    });
  });

  it('a finding found in several builds says so in its message and lists them in its properties', () => {
    const report = sampleReport();
    const builds = [
      { dir: 'k8s/base', object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } },
      { dir: 'k8s/overlays/dev', object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'dev-web' } },
    ];
    report.findings[0]!.builds = builds;
    // biome-ignore lint/suspicious/noExplicitAny: walking a parsed JSON document.
    const log = JSON.parse(sarifReporter(report, { color: false })) as any;
    const result = log.runs[0].results[0];
    assert.match(result.message.text, /\(in 2 builds: k8s\/base \(web\), k8s\/overlays\/dev \(dev-web\)\)$/);
    assert.deepEqual(result.properties.builds, builds);
    assert.ok(officialValidator()(log));
  });

  it('reports skipped files as note notifications at the file', () => {
    const notifications = sarif().runs[0].invocations[0].toolExecutionNotifications;
    const note = notifications.find((n: { level: string }) => n.level === 'note');
    assert.equal(
      note.message.text,
      'skipped: a GitHub Actions workflow: no apiVersion or kind, not a Kubernetes manifest',
    );
    assert.deepEqual(note.locations[0].physicalLocation.artifactLocation, {
      uri: '.github/workflows/ci.yml',
      uriBaseId: '%SRCROOT%',
    });
  });
});
