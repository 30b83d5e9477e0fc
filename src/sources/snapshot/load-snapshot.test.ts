import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadSnapshot } from './load-snapshot.ts';

const dir = mkdtempSync(join(tmpdir(), 'shipshape-snapshot-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function snapshotFile(items: unknown[]): string {
  const file = join(dir, `s${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  return file;
}

describe('loadSnapshot with a selection', () => {
  const items = [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'keep', namespace: 'a' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'drop', namespace: 'a' } },
    { kind: 'NoApiVersion' },
    { apiVersion: 'v1', kind: 'Secret', metadata: null },
  ];

  it('keeps only what the selection returns, well-formed objects only offered to it', () => {
    let offered: string[] = [];
    const result = loadSnapshot(snapshotFile(items), undefined, (objects) => {
      offered = objects.map((o) => o.kind);
      return objects.filter((o) => o.metadata?.name === 'keep' || o.kind === 'Secret');
    });
    assert.deepEqual(offered, ['ConfigMap', 'ConfigMap', 'Secret']);
    assert.deepEqual(
      result.objects.map((o) => `${o.ref.kind}/${o.ref.name}`),
      ['ConfigMap/keep', 'Secret/'],
    );
  });

  it('still reports the malformed items, with their place in the list', () => {
    const result = loadSnapshot(snapshotFile(items), undefined, () => []);
    assert.equal(result.objects.length, 0);
    assert.deepEqual(
      result.problems.map((p) => p.message.slice(p.message.indexOf('items['))),
      ['items[2]: not a Kubernetes object (no apiVersion/kind)'],
    );
  });

  it('without a selection, reads everything', () => {
    assert.equal(loadSnapshot(snapshotFile(items)).objects.length, 3);
  });
});
