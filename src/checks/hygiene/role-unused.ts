// https://kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings
import { defineCheck } from '../../core/check.ts';
import type { ObjectIndex } from '../../core/index.ts';
import { isBuiltInClusterRoleName } from '../../k8s/rbac/defaults/index.ts';
import { isSystemName } from '../rbac/grant.ts';
import { excluded, HYGIENE_DEFAULTS, type HygieneParams, hasOwner } from './shared.ts';

/** "ClusterRole/name" and "Role/ns/name" of every role some binding references. */
function boundRoles(index: ObjectIndex): Set<string> {
  return index.memo('hygiene-bound-roles', (idx) => {
    const out = new Set<string>();
    for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
      for (const binding of idx.ofKind(kind)) {
        const ref = binding.object.roleRef as { kind?: unknown; name?: unknown } | undefined;
        if ((ref?.kind !== 'Role' && ref?.kind !== 'ClusterRole') || typeof ref.name !== 'string') continue;
        out.add(
          ref.kind === 'ClusterRole'
            ? `ClusterRole/${ref.name}`
            : `Role/${binding.ref.namespace ?? ''}/${ref.name}`,
        );
      }
    }
    return out;
  });
}

export const roleUnused = defineCheck<HygieneParams>({
  id: 'role-unused',
  title: 'Role or ClusterRole bound by nothing',
  severity: 'low',
  category: 'hygiene',
  description:
    'No RoleBinding or ClusterRoleBinding references this role, so it grants nothing to anyone. Left-over roles make RBAC reviews slower and are one binding away from granting forgotten permissions. Not judged: system: roles, the built-in user-facing roles (cluster-admin, admin, edit, view), roles labelled kubernetes.io/bootstrapping=rbac-defaults, aggregated ClusterRoles (aggregationRule) and ClusterRoles that aggregate into others (rbac.authorization.k8s.io/aggregate-to-* labels), and roles with an owner.',
  remediation:
    'Confirm no automation binds it on demand (some operators do), then delete it through a reviewed plan.',
  docs: [
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles',
  ],
  appliesTo: ['Role', 'ClusterRole'],
  params: HYGIENE_DEFAULTS,
  requires: ['RoleBinding', 'ClusterRoleBinding'],
  peers: { kor: ['role', 'clusterrole'], popeye: ['POP-400'] },
  *check(role, { index, params }) {
    const { object, ref } = role;
    if (index.partial || excluded(ref, params) || hasOwner(object)) return;
    if (isSystemName(ref.name) || (ref.kind === 'ClusterRole' && isBuiltInClusterRoleName(ref.name))) return;
    const labels = object.metadata?.labels ?? {};
    if (typeof labels !== 'object') return;
    if (labels['kubernetes.io/bootstrapping'] === 'rbac-defaults') return;
    if (object.aggregationRule !== undefined && object.aggregationRule !== null) return;
    if (Object.keys(labels).some((k) => k.startsWith('rbac.authorization.k8s.io/aggregate-to-'))) return;
    const key =
      ref.kind === 'ClusterRole' ? `ClusterRole/${ref.name}` : `Role/${ref.namespace ?? ''}/${ref.name}`;
    if (boundRoles(index).has(key)) return;
    yield { message: `${ref.kind} "${ref.name}" is not referenced by any RoleBinding or ClusterRoleBinding` };
  },
});
