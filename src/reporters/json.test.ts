import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonReporter } from './json.ts';
import { contractValidator } from './testing/contract.ts';
import { sampleReport } from './testing/sample-report.ts';

describe('json reporter', () => {
  it('prints the report unchanged as JSON', () => {
    const report = sampleReport();
    assert.deepEqual(JSON.parse(jsonReporter(report, { color: false })), report);
  });

  it('matches the documented contract schema', () => {
    const validate = contractValidator();
    const ok = validate(JSON.parse(jsonReporter(sampleReport(), { color: false })));
    assert.ok(ok, JSON.stringify(validate.errors, null, 2));
  });

  it('the schema rejects a report that breaks the contract', () => {
    const validate = contractValidator();
    const broken = JSON.parse(jsonReporter(sampleReport(), { color: false }));
    delete broken.findings[0].check;
    broken.findings[1].severity = 'severe';
    assert.equal(validate(broken), false);
    const paths = (validate.errors ?? []).map((e) => e.instancePath);
    assert.ok(paths.includes('/findings/0') && paths.includes('/findings/1/severity'), JSON.stringify(paths));
  });
});

describe('docs/json-output.md', () => {
  it('its example report is valid against the contract schema', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../docs/json-output.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(doc)?.[1];
    assert.ok(example);
    const validate = contractValidator();
    assert.ok(validate(JSON.parse(example)), JSON.stringify(validate.errors, null, 2));
  });
});
