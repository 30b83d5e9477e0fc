import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidQuantity, parseQuantity } from './quantity.ts';

describe('parseQuantity', () => {
  const cases: [unknown, number][] = [
    ['100m', 0.1],
    ['1', 1],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['2.', 2],
    ['1e3', 1000],
    ['1E-2', 0.01],
    ['128Mi', 128 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1Ki', 1024],
    ['2Ti', 2 * 2 ** 40],
    ['1Pi', 2 ** 50],
    ['1Ei', 2 ** 60],
    ['1k', 1000],
    ['1M', 1e6],
    ['1G', 1e9],
    ['1T', 1e12],
    ['1P', 1e15],
    ['1E', 1e18],
    ['500u', 0.0005],
    ['10n', 1e-8],
    ['+3', 3],
    ['-1', -1],
    ['0', 0],
    [2, 2],
    [0.25, 0.25],
  ];
  for (const [input, expected] of cases) {
    it(`reads ${JSON.stringify(input)}`, () => {
      const actual = parseQuantity(input);
      assert.ok(actual !== undefined);
      assert.ok(Math.abs(actual - expected) <= Math.abs(expected) * 1e-12, `${actual} != ${expected}`);
    });
  }
  for (const input of [
    '',
    'abc',
    '1Gb',
    '1 Gi',
    ' 1',
    '1KI',
    '1mi',
    '1.2.3',
    'e3',
    '1e',
    'Mi',
    '0x10',
    null,
    true,
    {},
    [],
  ]) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      assert.equal(parseQuantity(input), undefined);
      assert.equal(isValidQuantity(input), false);
    });
  }
  it('orders binary above decimal', () => {
    assert.ok((parseQuantity('1Gi') ?? 0) > (parseQuantity('1G') ?? 0));
  });
});
