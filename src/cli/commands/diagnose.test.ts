import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DIAGNOSE_CHECKS, UPGRADE_CHECKS } from '../../checks/registry.ts';
import { diagnoseChecks } from './diagnose.ts';

describe('diagnose analyzers', () => {
  it("are the registry's DIAGNOSE_CHECKS, in its order, plus upgrade's kubelet skew check", () => {
    const expected = [...DIAGNOSE_CHECKS, ...UPGRADE_CHECKS.filter((c) => c.id === 'kubelet-version-skew')];
    assert.deepEqual(
      diagnoseChecks().map((c) => c.id),
      expected.map((c) => c.id),
    );
    // The very same check objects, not look-alikes.
    for (const [i, check] of diagnoseChecks().entries()) assert.equal(check, expected[i]);
  });
});
