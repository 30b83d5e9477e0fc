import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import { helmReleaseSecret } from '../../testing/cluster-builders.ts';
import { helmReleaseApiRemoved } from './helm-release-api-removed.ts';

const oldManifest = `---
# Source: web/templates/pdb.yaml
apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata: {name: web}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
`;

describe('helm-release-api-removed', () => {
  it('finds a removed apiVersion in the deployed release manifest', () => {
    const findings = analyze(
      helmReleaseApiRemoved,
      [helmReleaseSecret('web', 'shop', oldManifest, { version: 3 })],
      { kubeVersion: '1.25' },
    );
    assert.equal(findings.length, 1);
    assert.equal(
      findings[0]?.message,
      'Helm release "web" (revision 3, chart web-1.0.0) contains policy/v1beta1 PodDisruptionBudget "web", removed in 1.25; use policy/v1',
    );
  });
  it('reports a truncated release payload clearly instead of crashing', () => {
    const secret = helmReleaseSecret('web', 'shop', oldManifest);
    const data = secret.data as { release: string };
    data.release = data.release.slice(0, 40);
    const findings = analyze(helmReleaseApiRemoved, [secret], { kubeVersion: '1.25' });
    assert.equal(findings[0]?.severity, 'medium');
    assert.match(findings[0]?.message ?? '', /cannot be read: release payload is not valid gzip|not JSON/);
  });
  it('does not fire before the removal, on superseded revisions, or on other Secrets', () => {
    const findings = analyze(
      helmReleaseApiRemoved,
      [
        helmReleaseSecret('web', 'shop', oldManifest, { version: 1, status: 'superseded' }),
        { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x', namespace: 'shop' }, data: { a: 'Yg==' } },
      ],
      { kubeVersion: '1.25' },
    );
    assert.deepEqual(findings, []);
    assert.deepEqual(
      analyze(helmReleaseApiRemoved, [helmReleaseSecret('web', 'shop', oldManifest)], {
        kubeVersion: '1.24',
      }),
      [],
    );
  });
});
