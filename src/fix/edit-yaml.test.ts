import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FixEdit } from '../core/check.ts';
import { applyEdits, EditError } from './edit-yaml.ts';

const root = { document: 0, prefix: [] };
const edit = (text: string, ...edits: FixEdit[]) => applyEdits(text, root, edits);

/** The fixed text must equal the original with exactly these lines inserted (and nothing else changed). */
function assertOnlyAdded(before: string, after: string, added: string[]) {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(b.length, a.length + added.length, after);
  const extra: string[] = [];
  let i = 0;
  for (const line of b) {
    if (i < a.length && line === a[i]) i++;
    else extra.push(line);
  }
  assert.equal(i, a.length, `every original line is kept in order:\n${after}`);
  assert.deepEqual(extra, added);
}

const POD = `# leading comment
apiVersion: v1
kind: Pod
metadata:
  name: web   # trailing comment
  labels: {app: web}
spec:
    # odd indentation, kept
    containers:
    -   name: app
        image: "nginx:1.27"   # quoted on purpose
        securityContext:
          runAsUser: 1000
        ports:
          - containerPort: 80
    -   name: side
        image: 'busybox:1.36'
        securityContext: {}
`;

describe('applyEdits', () => {
  it('adds a key to an existing block mapping at its indentation, keeping everything else', () => {
    const out = edit(POD, {
      op: 'set',
      path: ['spec', 'containers', 0, 'securityContext', 'runAsNonRoot'],
      value: true,
    });
    assertOnlyAdded(POD, out, ['          runAsNonRoot: true']);
    assert.ok(out.includes('          runAsUser: 1000\n          runAsNonRoot: true\n        ports:'), out);
  });

  it('creates missing intermediate mappings', () => {
    const out = edit(POD, {
      op: 'set',
      path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'drop'],
      value: ['ALL'],
    });
    assertOnlyAdded(POD, out, ['          capabilities:', '            drop:', '              - ALL']);
    const top = edit(POD, {
      op: 'set',
      path: ['spec', 'securityContext', 'seccompProfile', 'type'],
      value: 'RuntimeDefault',
    });
    assertOnlyAdded(POD, top, [
      '    securityContext:',
      '      seccompProfile:',
      '        type: RuntimeDefault',
    ]);
  });

  it('fills an empty flow mapping as a block under its key', () => {
    const out = edit(POD, {
      op: 'set',
      path: ['spec', 'containers', 1, 'securityContext', 'privileged'],
      value: false,
    });
    assert.ok(
      out.endsWith("        image: 'busybox:1.36'\n        securityContext:\n          privileged: false\n"),
      out,
    );
  });

  it('adds to a non-empty flow mapping in flow style', () => {
    const out = edit(POD, { op: 'set', path: ['metadata', 'labels', 'tier'], value: 'front' });
    assert.ok(out.includes('  labels: {app: web, tier: front}\n'), out);
  });

  it('replaces a scalar in place and keeps its trailing comment', () => {
    const out = edit(POD, { op: 'set', path: ['metadata', 'name'], value: 'web-2' });
    assert.ok(out.includes('  name: web-2   # trailing comment\n'), out);
    assert.equal(out.split('\n').length, POD.split('\n').length);
  });

  it('sets a null value', () => {
    const text = 'kind: Pod\napiVersion: v1\nspec:\n  securityContext:\n  hostNetwork: ~ # why\n';
    const out = edit(
      text,
      { op: 'set', path: ['spec', 'securityContext', 'runAsNonRoot'], value: true },
      { op: 'set', path: ['spec', 'hostNetwork'], value: false },
    );
    assert.equal(
      out,
      'kind: Pod\napiVersion: v1\nspec:\n  securityContext:\n    runAsNonRoot: true\n  hostNetwork: false # why\n',
    );
  });

  it("appends to block and flow lists, and does not duplicate (new lists follow the file's flush style)", () => {
    const text = 'a:\n  drop:\n  - NET_RAW   # c\n  add: [NET_ADMIN]\n  none: []\n';
    const out = edit(
      text,
      { op: 'append', path: ['a', 'drop'], value: 'ALL' },
      { op: 'append', path: ['a', 'add'], value: 'SYS_TIME' },
      { op: 'append', path: ['a', 'none'], value: 'X' },
      { op: 'append', path: ['a', 'drop'], value: 'ALL' },
      { op: 'append', path: ['a', 'missing'], value: 'Y' },
    );
    assert.equal(
      out,
      'a:\n  drop:\n  - NET_RAW   # c\n  - ALL\n  add: [NET_ADMIN, SYS_TIME]\n  none: [X]\n  missing:\n  - "Y"\n',
    );
  });

  it('removes a key with its nested block, and an only key leaves an empty mapping', () => {
    const text = 'spec:\n  a: 1\n  b:\n    c: 2   # gone\n    d: [3]\n  e: 4\nother:\n  x: 1\n';
    assert.equal(
      edit(text, { op: 'remove', path: ['spec', 'b'] }),
      'spec:\n  a: 1\n  e: 4\nother:\n  x: 1\n',
    );
    assert.equal(
      edit(text, { op: 'remove', path: ['other', 'x'] }),
      'spec:\n  a: 1\n  b:\n    c: 2   # gone\n    d: [3]\n  e: 4\nother: {}\n',
    );
    assert.equal(
      edit(text, { op: 'remove', path: ['spec', 'nope'] }),
      text,
      'removing what is absent changes nothing',
    );
  });

  it('replaces a block mapping with a scalar and a scalar with a mapping', () => {
    const text = 'spec:\n  a:\n    b: 1\n  c: x\n';
    assert.equal(edit(text, { op: 'set', path: ['spec', 'a'], value: false }), 'spec:\n  a: false\n  c: x\n');
    assert.equal(
      edit(text, { op: 'set', path: ['spec', 'c'], value: { type: 'RuntimeDefault' } }),
      'spec:\n  a:\n    b: 1\n  c:\n    type: RuntimeDefault\n',
    );
  });

  it('keeps CRLF line endings', () => {
    const text = 'spec:\r\n  a: 1\r\n';
    assert.equal(edit(text, { op: 'set', path: ['spec', 'b'], value: 2 }), 'spec:\r\n  a: 1\r\n  b: 2\r\n');
  });

  it('edits the addressed document and List item only', () => {
    const text = 'kind: A\n---\nkind: List\nitems:\n- kind: B\n  x: 1\n- kind: C\n  x: 1\n';
    const out = applyEdits(text, { document: 1, prefix: ['items', 1] }, [
      { op: 'set', path: ['y'], value: 2 },
    ]);
    assert.equal(out, 'kind: A\n---\nkind: List\nitems:\n- kind: B\n  x: 1\n- kind: C\n  x: 1\n  "y": 2\n');
  });

  it('leaves the text alone when the value is already there', () => {
    assert.equal(
      edit(POD, { op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'runAsUser'], value: 1000 }),
      POD,
    );
  });

  it('refuses edits through scalars or at missing list indexes', () => {
    assert.throws(() => edit(POD, { op: 'set', path: ['kind', 'x'], value: 1 }), EditError);
    assert.throws(() => edit(POD, { op: 'set', path: ['spec', 'containers', 5, 'x'], value: 1 }), EditError);
    assert.throws(() => edit(POD, { op: 'append', path: ['metadata', 'name'], value: 1 }), EditError);
  });

  it('quotes values that would otherwise change type', () => {
    const out = edit(
      'a:\n  b: 1\n',
      { op: 'set', path: ['a', 'c'], value: 'true' },
      { op: 'set', path: ['a', 'd'], value: 'x: y' },
    );
    assert.equal(out, 'a:\n  b: 1\n  c: "true"\n  d: "x: y"\n');
  });
});
