import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { rolebindingUnused } from './rolebinding-unused.ts';

const RBAC = 'rbac.authorization.k8s.io/v1';
const rb = (name: string, roleKind: string, roleName: string, subjects: unknown[]): KubeObject => ({
  apiVersion: RBAC,
  kind: 'RoleBinding',
  metadata: { name, namespace: 'shop' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: roleName },
  subjects,
});
const sa = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name, namespace: 'shop' },
});
const role: KubeObject = {
  apiVersion: RBAC,
  kind: 'Role',
  metadata: { name: 'reader', namespace: 'shop' },
  rules: [],
};
const SA = (name: string) => ({ kind: 'ServiceAccount', name, namespace: 'shop' });

describe('rolebinding-unused', () => {
  it('fires when the role is gone, or every ServiceAccount subject is gone', () => {
    const findings = analyze(rolebindingUnused, [
      role,
      sa('web'),
      rb('no-role', 'Role', 'deleted-role', [SA('web')]),
      rb('no-subjects', 'Role', 'reader', [SA('old-a'), { kind: 'ServiceAccount', name: 'old-b' }]),
    ]);
    assert.deepEqual(findings.map((f) => f.message).sort(), [
      'RoleBinding "no-role" binds Role "deleted-role", which does not exist',
      'RoleBinding "no-subjects" binds only ServiceAccounts that do not exist: "shop/old-a", "shop/old-b"',
    ]);
  });
  it('does not fire with one subject left, a User or Group subject, a built-in ClusterRole, or when ServiceAccounts were not read', () => {
    const objects = [
      role,
      sa('web'),
      rb('one-left', 'Role', 'reader', [SA('web'), SA('gone')]),
      rb('user', 'Role', 'reader', [{ kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }]),
      rb('builtin', 'ClusterRole', 'view', [SA('web')]),
    ];
    assert.deepEqual(analyze(rolebindingUnused, objects), []);
    const unread = analyze(rolebindingUnused, [role, rb('gone-sa', 'Role', 'reader', [SA('gone')])], {
      kindsRead: new Set(['Role', 'ClusterRole', 'RoleBinding']),
    });
    assert.deepEqual(unread, []);
  });
});
