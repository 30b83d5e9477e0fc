import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { apiVersionRemovedInUse } from './api-version-removed-in-use.ts';

const hpa = (managedFields: unknown[], lastApplied?: string): KubeObject => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: {
    name: 'web',
    namespace: 'shop',
    managedFields,
    ...(lastApplied
      ? { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied } }
      : {}),
  },
});

describe('api-version-removed-in-use', () => {
  it('names the manager that still writes a removed apiVersion (server-side apply included)', () => {
    const findings = analyze(
      apiVersionRemovedInUse,
      [hpa([{ manager: 'argocd-controller', operation: 'Apply', apiVersion: 'autoscaling/v2beta2' }])],
      {
        kubeVersion: '1.26',
      },
    );
    assert.equal(findings.length, 1);
    assert.match(
      findings[0]!.message,
      /written as autoscaling\/v2beta2 by argocd-controller, removed in 1\.26; use autoscaling\/v2/,
    );
    assert.equal(findings[0]!.severity, 'critical');
  });
  it('reads kubectl last-applied-configuration too, medium while only deprecated', () => {
    const findings = analyze(
      apiVersionRemovedInUse,
      [hpa([], '{"apiVersion":"autoscaling/v2beta2","kind":"HorizontalPodAutoscaler"}')],
      {
        kubeVersion: '1.25',
      },
    );
    assert.equal(findings[0]?.severity, 'medium');
  });
  it('does not fire for current apiVersions or without a target', () => {
    const current = hpa([{ manager: 'kubectl', apiVersion: 'autoscaling/v2' }]);
    assert.deepEqual(analyze(apiVersionRemovedInUse, [current], { kubeVersion: '1.30' }), []);
    assert.deepEqual(
      analyze(apiVersionRemovedInUse, [hpa([{ manager: 'x', apiVersion: 'autoscaling/v2beta2' }])]),
      [],
    );
  });
});
