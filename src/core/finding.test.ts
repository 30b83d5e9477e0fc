import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { fingerprint } from './finding.ts';

describe('fingerprint', () => {
  it("is the first 8 bytes of node:crypto's SHA-256 of the identity, whatever its characters", () => {
    const refs = [
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'näme-ü' },
      { apiVersion: 'example.com/v1', kind: 'Widget', namespace: '名前', name: 'x\uD800y' },
    ];
    const locators = [
      undefined,
      '',
      'spec.template.spec.containers[0].image',
      'label:app.kubernetes.io/名',
      '😀',
    ];
    for (const ref of refs)
      for (const locator of locators) {
        const identity = [
          'image-tag-mutable',
          ref.apiVersion.split('/')[0],
          ref.kind,
          ref.namespace ?? '',
          ref.name,
          locator ?? '',
        ].join('\u0000');
        const expected = createHash('sha256').update(identity).digest().toString('hex', 0, 8);
        assert.equal(fingerprint('image-tag-mutable', ref, locator), expected, identity);
      }
  });

  it('differs when any part of the identity differs', () => {
    const ref = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' };
    const base = fingerprint('a', ref, 'p');
    assert.match(base, /^[0-9a-f]{16}$/);
    assert.notEqual(fingerprint('b', ref, 'p'), base);
    assert.notEqual(fingerprint('a', { ...ref, name: 'api' }, 'p'), base);
    assert.notEqual(fingerprint('a', ref, 'q'), base);
  });
});
