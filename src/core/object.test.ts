import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deepFreeze } from './object.ts';

describe('deepFreeze', () => {
  it('freezes every nested object and array, shared and cyclic ones once', () => {
    const shared = { port: 80 };
    const value: Record<string, unknown> = {
      spec: {
        containers: [
          { name: 'a', ports: [shared] },
          { name: 'b', ports: [shared] },
        ],
      },
      empty: [],
      n: null,
    };
    value.self = value;
    deepFreeze(value);
    const spec = value.spec as { containers: { ports: object[] }[] };
    for (const node of [
      value,
      spec,
      spec.containers,
      spec.containers[0]!,
      spec.containers[0]!.ports,
      shared,
      value.empty as object,
    ])
      assert.ok(Object.isFrozen(node));
    assert.throws(() => {
      (shared as { port: number }).port = 81;
    }, TypeError);
  });

  it('leaves typed arrays (YAML !!binary) unfrozen and returns primitives as they are', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const value = deepFreeze({ data: bytes });
    assert.ok(Object.isFrozen(value));
    assert.equal(Object.isFrozen(bytes), false);
    assert.equal(deepFreeze(5), 5);
    assert.equal(deepFreeze(null), null);
  });
});
