import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dotted, field, parseValue, tokenize } from './go-literal.ts';

const parse = (source: string) => parseValue(tokenize(source)).value;

describe('Go composite literals', () => {
  it('decodes interpreted and raw strings', () => {
    assert.deepEqual(parse('"a\\tb \\"q\\" \\u00e9\\n"'), { kind: 'string', value: 'a\tb "q" é\n' });
    assert.deepEqual(parse('`raw \\n "x"`'), { kind: 'string', value: 'raw \\n "x"' });
  });

  it('reads keyed and positional literals, maps, slices, pointers, calls and selectors', () => {
    const value = parse(`spec.Schema{
      SchemaProps: spec.SchemaProps{
        Type: []string{"object"}, // a comment
        Properties: map[string]spec.Schema{
          "mode": {SchemaProps: spec.SchemaProps{Enum: []interface{}{"A", "B"}}},
        },
        Items: &spec.SchemaOrArray{Schema: &spec.Schema{}},
        Default: map[string]interface{}{},
        Ref: ref(corev1.Container{}.OpenAPIModelName()),
        Minimum: 1,
      },
    }`);
    assert.equal(value.kind === 'literal' && value.type, 'spec.Schema');
    const props = field(value, 'SchemaProps');
    assert.deepEqual(field(props, 'Type'), {
      kind: 'literal',
      type: '[]string',
      entries: [{ value: { kind: 'string', value: 'object' } }],
    });
    const mode = field(field(props, 'Properties'), 'mode');
    const values = field(field(mode, 'SchemaProps'), 'Enum');
    assert.deepEqual(
      values?.kind === 'literal' &&
        values.entries.map((e) => (e.value.kind === 'string' ? e.value.value : '')),
      ['A', 'B'],
    );
    const ref = field(props, 'Ref');
    assert.equal(ref?.kind === 'call' && dotted(ref.callee), 'ref');
    assert.deepEqual(field(props, 'Minimum'), { kind: 'number', value: 1 });
  });

  it('refuses what it does not understand, naming the offset', () => {
    assert.throws(() => tokenize('x := 1'), /unexpected character "=" at offset 3/);
    assert.throws(() => parse('spec.Schema{A: 1 B: 2}'), /expected "," or "}"/);
    assert.throws(() => tokenize('"open'), /unterminated string/);
  });
});
