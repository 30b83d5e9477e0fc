// No call in src/ takes an unbounded array spread into its arguments: past about 120k items (findings of a large
// cluster, events of a long describe paste) `xs.push(...ys)` overflows the stack. core/append.ts appends instead.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { append } from '../../src/core/append.ts';
import { findSpreadArguments } from '../support/source-scan.ts';

/** Spreads of arrays whose size the code fixes (constants), each with why. */
const BOUNDED: Record<string, string> = {
  'Math.max(...CONTROLS.flatMap((c) => c.versions.map((v) => v.since)))': 'the Pod Security controls table',
  'Math.max(...SEVERITIES.map((s) => s.length))': 'the five severities',
  'Math.max(2, ...checks.map((c) => c.id.length))': 'the registry of checks',
  'join(packageRoot(), ...parts)': 'a path written in the code',
  'fn(...parameters.map(toInput))':
    "one SQL statement's parameters: SQLite takes at most 32,766 and the store writes in batches of 500 rows",
  "lines.push('Next commands:', '', '```sh', ...cause.nextSteps, '```', '')": "an analyzer's few next steps",
};

describe('spread arguments in src/', () => {
  it('only over arrays of a fixed size', () => {
    const unbounded = findSpreadArguments('.').filter((s) => !BOUNDED[s.text]);
    assert.deepEqual(
      unbounded.map((s) => `${s.where}: ${s.text.slice(0, 100)}`),
      [],
      'use append() from core/append.ts (or a loop) instead of spreading into call arguments',
    );
  });

  it('append takes what push(...spread) cannot', () => {
    const many = Array.from({ length: 500_000 }, (_, i) => i);
    assert.throws(() => [].push(...(many as never[])), RangeError);
    assert.equal(append([-1], many, [500_000]).length, 500_002);
  });
});
