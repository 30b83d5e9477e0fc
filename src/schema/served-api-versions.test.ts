import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bundledSchemaSet } from './bundled.ts';
import { servedApiVersions } from './served-api-versions.ts';

describe('servedApiVersions', () => {
  it('lists group/versions with kinds of their own, and each group/version/Kind', () => {
    const set = {
      id: 't',
      label: 't',
      definitions: {},
      kinds: new Map([
        ['apps/v1:Deployment', 'd'],
        ['v1:Pod', 'p'],
        // Meta kinds are listed under every version of a group, long removed ones too.
        ['autoscaling/v2beta1:DeleteOptions', 'x'],
        ['autoscaling/v2beta1:WatchEvent', 'x'],
      ]),
    };
    assert.deepEqual(servedApiVersions(set), ['apps/v1', 'apps/v1/Deployment', 'v1', 'v1/Pod']);
  });

  it('for a bundled version: what that version serves, not what it removed', () => {
    const served = servedApiVersions(bundledSchemaSet('1.34'));
    for (const v of [
      'apiregistration.k8s.io/v1',
      'apiregistration.k8s.io/v1/APIService',
      'policy/v1',
      'v1/Service',
    ])
      assert.ok(served.includes(v), v);
    for (const v of ['autoscaling/v2beta1', 'policy/v1beta1', 'apiregistration.k8s.io/v1beta1'])
      assert.ok(!served.includes(v), v);
  });
});
