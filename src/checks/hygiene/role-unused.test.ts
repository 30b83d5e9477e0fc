import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { roleUnused } from './role-unused.ts';

const RBAC = 'rbac.authorization.k8s.io/v1';
const role = (kind: 'Role' | 'ClusterRole', name: string, extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: RBAC,
  kind,
  metadata: { name, ...(kind === 'Role' ? { namespace: 'shop' } : {}) },
  rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
  ...extra,
});
const binding = (
  kind: 'RoleBinding' | 'ClusterRoleBinding',
  name: string,
  roleKind: string,
  roleName: string,
): KubeObject => ({
  apiVersion: RBAC,
  kind,
  metadata: { name, ...(kind === 'RoleBinding' ? { namespace: 'shop' } : {}) },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: roleName },
  subjects: [{ kind: 'ServiceAccount', name: 'web', namespace: 'shop' }],
});

describe('role-unused', () => {
  it('fires on a Role and a ClusterRole nothing binds', () => {
    const findings = analyze(roleUnused, [role('Role', 'old-reader'), role('ClusterRole', 'old-operator')]);
    assert.deepEqual(findings.map((f) => `${f.object.kind}/${f.object.name}`).sort(), [
      'ClusterRole/old-operator',
      'Role/old-reader',
    ]);
  });
  it('does not fire on bound roles (a ClusterRole bound by a namespaced RoleBinding too), system:, built-in, bootstrap, aggregated and aggregating roles', () => {
    const findings = analyze(roleUnused, [
      role('Role', 'reader'),
      binding('RoleBinding', 'reader', 'Role', 'reader'),
      role('ClusterRole', 'pod-reader'),
      binding('RoleBinding', 'pods', 'ClusterRole', 'pod-reader'),
      role('ClusterRole', 'system:controller:foo'),
      role('ClusterRole', 'view'),
      role('ClusterRole', 'bootstrap', {
        metadata: { name: 'bootstrap', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } },
      }),
      role('ClusterRole', 'monitoring', {
        aggregationRule: {
          clusterRoleSelectors: [{ matchLabels: { 'example.com/aggregate-to-monitoring': 'true' } }],
        },
      }),
      role('ClusterRole', 'crd-view', {
        metadata: { name: 'crd-view', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
      }),
    ]);
    assert.deepEqual(findings, []);
  });
  it('a RoleBinding in another namespace does not bind a Role', () => {
    const other = binding('RoleBinding', 'reader', 'Role', 'reader');
    other.metadata.namespace = 'other';
    assert.equal(analyze(roleUnused, [role('Role', 'reader'), other]).length, 1);
  });
});
