import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { batched, Items, jsonChunks } from './json-chunks.ts';

const text = (value: unknown, depth: number) => [...jsonChunks(value, depth)].join('');

/** JSON-like values with what JSON.stringify drops or turns into null: undefined, functions, NaN, -0, toJSON. */
const awkward = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue(),
    fc.constantFrom(undefined, Number.NaN, -0, Number.POSITIVE_INFINITY, () => 1, new Date(0)),
    fc.string({ unit: 'binary' }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.string({ unit: 'binary' }), tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('jsonChunks', () => {
  it('writes exactly what JSON.stringify(value, null, 2) writes, at any depth', () => {
    fc.assert(
      fc.property(fc.object(), fc.integer({ min: 0, max: 6 }), (value, depth) => {
        assert.equal(text(value, depth), JSON.stringify(value, null, 2));
      }),
      { seed: 20261206, numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), awkward, { maxKeys: 6 }),
        fc.integer({ min: 0, max: 6 }),
        (value, depth) => {
          assert.equal(text(value, depth), JSON.stringify(value, null, 2));
        },
      ),
      { seed: 20261206, numRuns: 300 },
    );
  });

  it('writes Items as the mapped array, wherever they are, one piece per item', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { maxLength: 20 }),
        fc.integer({ min: 0, max: 4 }),
        (items, depth) => {
          const map = (item: unknown) => (item === null ? undefined : { item });
          const value = { head: 1, nested: [{ list: new Items(items, map) }] };
          const expected = { head: 1, nested: [{ list: items.map(map) }] };
          assert.equal(text(value, depth + 3), JSON.stringify(expected, null, 2));
        },
      ),
      { seed: 20261206, numRuns: 200 },
    );
    const pieces = [...jsonChunks({ list: new Items([1, 2, 3], (n) => ({ n })) }, 1)];
    assert.ok(pieces.length >= 3 + 2, 'each item is its own piece');
  });

  it('batches pieces into writes of about the given size, losing nothing', () => {
    const pieces = Array.from({ length: 1000 }, (_, i) => `piece ${i};`);
    const batches = [...batched(pieces, 100)];
    assert.equal(batches.join(''), pieces.join(''));
    assert.ok(batches.length > 50 && batches.length < 200, String(batches.length));
    assert.deepEqual([...batched([], 100)], []);
  });
});
