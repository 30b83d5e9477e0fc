import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { pod } from '../../testing/cluster-builders.ts';
import { serviceaccountUnused } from './serviceaccount-unused.ts';

const sa = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name, namespace: 'shop' },
});

describe('serviceaccount-unused', () => {
  it('fires on a ServiceAccount no pod runs as', () => {
    assert.deepEqual(
      analyze(serviceaccountUnused, [sa('old-deployer'), pod('web', { namespace: 'shop' })]).map(
        (f) => f.object.name,
      ),
      ['old-deployer'],
    );
  });
  it('does not fire on the default ServiceAccount or one a pod runs as', () => {
    const web = pod('web', { namespace: 'shop' });
    (web.spec as { serviceAccountName: string }).serviceAccountName = 'web';
    assert.deepEqual(analyze(serviceaccountUnused, [sa('default'), sa('web'), web]), []);
  });
});
