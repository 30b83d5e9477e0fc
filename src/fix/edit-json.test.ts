import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyJsonEdits, isJsonText } from './edit-json.ts';
import { EditError } from './edit-yaml.ts';

const POD = `{
  "kind": "Pod",
  "spec": {
    "containers": [
      {"name": "a", "image": "a:1"}
    ],
    "volumes": []
  }
}
`;
const at = { document: 0, prefix: [] };

describe('JSON fixes', () => {
  it('knows JSON text from YAML', () => {
    assert.equal(isJsonText(POD), true);
    assert.equal(isJsonText('kind: Pod\n'), false);
    assert.equal(isJsonText('{kind: Pod}\n'), false, 'YAML flow style is not JSON');
  });

  it('sets, appends and removes in JSON syntax, keeping the file JSON and its other lines', () => {
    const out = applyJsonEdits(POD, at, [
      { op: 'set', path: ['spec', 'securityContext', 'runAsNonRoot'], value: true },
      { op: 'append', path: ['spec', 'volumes'], value: { name: 'tmp', emptyDir: {} } },
      { op: 'remove', path: ['kind'] },
    ]);
    const value = JSON.parse(out);
    assert.deepEqual(value.spec.securityContext, { runAsNonRoot: true });
    assert.deepEqual(value.spec.volumes, [{ name: 'tmp', emptyDir: {} }]);
    assert.equal(value.kind, undefined);
    assert.ok(
      out.includes('      {"name": "a", "image": "a:1"}\n'),
      'an untouched one-line value stays as written',
    );
  });

  it('addresses an item of a List', () => {
    const list = JSON.stringify({ kind: 'List', items: [{ kind: 'Pod' }, { kind: 'Pod', spec: {} }] });
    const out = applyJsonEdits(list, { document: 0, prefix: ['items', 1] }, [
      { op: 'set', path: ['spec', 'hostNetwork'], value: false },
    ]);
    assert.deepEqual(JSON.parse(out).items, [{ kind: 'Pod' }, { kind: 'Pod', spec: { hostNetwork: false } }]);
  });

  it('refuses an edit that cannot apply', () => {
    assert.throws(
      () => applyJsonEdits(POD, at, [{ op: 'set', path: ['kind', 'x'], value: 1 }]),
      (e: Error) => e instanceof EditError,
    );
  });
});
