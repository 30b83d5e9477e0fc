// Runbook examples of the reliability, efficiency and configuration checks: "bad" must fire, "good" must not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCheckOn } from '../../../test/support/check-tester.ts';
import { configurationChecks } from '../configuration/index.ts';
import { efficiencyChecks } from '../efficiency/index.ts';
import { reliabilityChecks } from './index.ts';

describe('runbook examples', () => {
  for (const check of [...reliabilityChecks, ...efficiencyChecks, ...configurationChecks]) {
    if (!check.example) continue;
    it(`${check.id}: bad fires, good does not`, () => {
      const bad = runCheckOn(check, { name: 'example.bad', yaml: check.example!.bad });
      assert.ok(bad.length > 0, `example.bad of ${check.id} yields nothing`);
      if (check.example!.good !== undefined)
        assert.deepEqual(
          runCheckOn(check, { name: 'example.good', yaml: check.example!.good }).map((f) => f.message),
          [],
        );
    });
  }
});
