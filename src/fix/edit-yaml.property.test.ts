// Property: on any mapping written by yaml (block or flow, with comments), a set/append/remove edit either
// applies — and then the file parses to exactly the intended value, with every untouched line kept — or is
// refused with an EditError. It never throws anything else and never writes a wrong file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import type { FixEdit } from '../core/check.ts';
import { applyEdits, EditError } from './edit-yaml.ts';

const key = fc.constantFrom('a', 'b', 'spec', 'securityContext', 'drop', 'x-y', 'k8s.io/name');
const scalar = fc.oneof(
  fc.boolean(),
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom('ALL', 'true', 'x: y', '', 'a#b'),
);
const tree = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('map'), fc.array(scalar, { maxLength: 3 })),
  map: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
})).map as fc.Arbitrary<Record<string, unknown>>;
const path = fc.array(key, { minLength: 1, maxLength: 4 });
const edit: fc.Arbitrary<FixEdit> = fc.oneof(
  fc.record({
    op: fc.constant('set' as const),
    path,
    value: fc.oneof(scalar, fc.constant({ type: 'RuntimeDefault' }), fc.constant(['ALL'])),
  }),
  fc.record({ op: fc.constant('append' as const), path, value: scalar }),
  fc.record({ op: fc.constant('remove' as const), path }),
);
const style = fc.constantFrom('block', 'flow', 'commented', 'flush');

function render(value: Record<string, unknown>, how: string): string {
  if (how === 'flow') return stringify(value, { collectionStyle: 'flow' });
  const text = stringify(value, { indentSeq: how !== 'flush' });
  if (how !== 'commented') return text;
  return `# head\n${text
    .split('\n')
    .map((line, i) =>
      line.trim() !== '' && i % 2 === 0 && !line.includes('|') && !line.includes('>')
        ? `${line} # c${i}`
        : line,
    )
    .join('\n')}`;
}

/** The path is missing and its deepest existing ancestor is a non-empty mapping (not a scalar, list or {}). */
function addsOnly(root: unknown, path: readonly (string | number)[]): boolean {
  let node = root;
  for (const k of path) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return false;
    const record = node as Record<string, unknown>;
    if (!(k in record)) return Object.keys(record).length > 0;
    node = record[k];
  }
  return false;
}

describe('applyEdits (property)', () => {
  it('applies exactly the edit or refuses it', () => {
    fc.assert(
      fc.property(tree, style, edit, (value, how, change) => {
        const text = render(value, how);
        let out: string;
        try {
          out = applyEdits(text, { document: 0, prefix: [] }, [change]);
        } catch (error) {
          assert.ok(error instanceof EditError, String(error));
          return;
        }
        const parsed = parse(out) as unknown;
        if (change.op === 'set') {
          let node = parsed as Record<string, unknown>;
          for (const k of change.path.slice(0, -1)) node = node[k] as Record<string, unknown>;
          assert.ok(isDeepStrictEqual(node[change.path.at(-1) as string], change.value), out);
        }
        if (how !== 'flow' && change.op === 'set' && addsOnly(value, change.path)) {
          // Adding a key under an existing non-empty block mapping keeps every original line, comments included.
          const lines = out.split('\n');
          let i = 0;
          for (const line of text.split('\n')) {
            i = lines.indexOf(line, i);
            assert.ok(i >= 0, `line "${line}" was lost:\n${text}\n---\n${out}`);
            i++;
          }
        }
      }),
      { numRuns: 300, seed: 20261128 },
    );
  });
});
