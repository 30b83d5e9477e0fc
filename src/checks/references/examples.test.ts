// The runbook examples of the cross-object checks are real: each "bad" example fires its check.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCheckOn } from '../../../test/support/check-tester.ts';
import { networkingChecks } from '../networking/index.ts';
import { referencesChecks } from './index.ts';

describe('cross-object runbook examples', () => {
  for (const check of [...networkingChecks, ...referencesChecks]) {
    if (!check.example) continue;
    it(`${check.id}: the bad example fires`, () => {
      const findings = runCheckOn(check, { name: 'example', yaml: check.example?.bad ?? '' });
      assert.ok(findings.length > 0, `${check.id} example did not fire`);
    });
  }
});
