import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REVIEW_CHECKS } from '../../checks/registry.ts';
import { reviewChecks } from './review.ts';

describe('review checks', () => {
  it("are the registry's REVIEW_CHECKS, the same objects in the same order", () => {
    assert.deepEqual(
      reviewChecks().map((c) => c.id),
      REVIEW_CHECKS.map((c) => c.id),
    );
    for (const [i, check] of reviewChecks().entries()) assert.equal(check, REVIEW_CHECKS[i]);
  });
});
