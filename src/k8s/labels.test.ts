import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type LabelSelector, matchesSelector, requiredPairs } from './labels.ts';

describe('matchesSelector', () => {
  const labels = { app: 'web', tier: 'front' };
  it('applies matchLabels and every operator', () => {
    assert.equal(matchesSelector({ matchLabels: { app: 'web' } }, labels), true);
    assert.equal(
      matchesSelector(
        { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] },
        labels,
      ),
      true,
    );
    assert.equal(
      matchesSelector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, labels),
      false,
    );
    assert.equal(
      matchesSelector({ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, labels),
      true,
    );
    assert.equal(matchesSelector({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels), true);
    assert.equal(matchesSelector({}, labels), true, 'an empty selector matches everything');
  });
  it('treats malformed selectors as matching nothing instead of throwing', () => {
    const bad = [
      { matchExpressions: { key: 'app' } },
      { matchExpressions: [null] },
      { matchExpressions: [{ key: 'app', operator: 'In', values: 'web' }] },
      { matchExpressions: [{ operator: 'Exists' }] },
    ] as unknown as LabelSelector[];
    for (const selector of bad) assert.equal(matchesSelector(selector, labels), false);
    assert.deepEqual(requiredPairs({ matchExpressions: 'x' } as unknown as LabelSelector), []);
  });
});
