// https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding
import { defineCheck } from '../../core/check.ts';
import { kindRead } from '../../diagnose/kinds.ts';
import { isRecord } from '../../k8s/disruption.ts';
import { isBuiltInClusterRoleName } from '../../k8s/rbac/defaults/index.ts';
import { worldOf } from '../../k8s/rbac/in-index.ts';
import { isSystemName } from '../rbac/grant.ts';
import { excluded, HYGIENE_DEFAULTS, type HygieneParams, hasOwner } from './shared.ts';

export const rolebindingUnused = defineCheck<HygieneParams>({
  id: 'rolebinding-unused',
  title: 'RoleBinding or ClusterRoleBinding whose role or every subject is gone',
  severity: 'low',
  category: 'hygiene',
  description:
    'A binding grants its role to its subjects. When the role no longer exists, or every subject is a ServiceAccount that no longer exists (or there are no subjects), the binding does nothing today, but re-creating a role or ServiceAccount of the same name silently re-grants the old permissions. Users and Groups are not Kubernetes objects, so a binding with one is never called unused for its subjects.',
  remediation:
    'Delete the binding through a reviewed plan; re-create it when the role or subject comes back.',
  docs: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding'],
  appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
  params: HYGIENE_DEFAULTS,
  requires: ['Role', 'ClusterRole'],
  peers: { kor: ['rolebinding', 'clusterrolebinding'], popeye: ['POP-1300'] },
  *check(binding, { index, params, settings }) {
    const { object, ref } = binding;
    if (index.partial || excluded(ref, params) || hasOwner(object) || isSystemName(ref.name)) return;
    const world = worldOf(index, settings);
    const read = world.bindingOf(binding);
    if (!read) return;
    const roleRef = read.roleRef;
    const role = world.resolve(read);
    const builtIn =
      roleRef.kind === 'ClusterRole' &&
      (isBuiltInClusterRoleName(roleRef.name) || isSystemName(roleRef.name));
    if (!role && !builtIn) {
      yield {
        path: ['roleRef'],
        message: `${ref.kind} "${ref.name}" binds ${roleRef.kind} "${roleRef.name}", which does not exist`,
      };
      return;
    }
    if (!kindRead(settings, 'ServiceAccount')) return;
    const subjects = Array.isArray(object.subjects) ? object.subjects : [];
    if (subjects.some((s) => !isRecord(s) || s.kind !== 'ServiceAccount')) return;
    const gone = subjects.filter(
      (s) =>
        isRecord(s) &&
        typeof s.name === 'string' &&
        !index.get('ServiceAccount', typeof s.namespace === 'string' ? s.namespace : ref.namespace, s.name),
    );
    if (gone.length !== subjects.length) return;
    yield {
      path: ['subjects'],
      message:
        subjects.length === 0
          ? `${ref.kind} "${ref.name}" has no subjects`
          : `${ref.kind} "${ref.name}" binds only ServiceAccounts that do not exist: ${gone
              .map(
                (s) =>
                  `"${String((s as { namespace?: string }).namespace ?? ref.namespace ?? '')}/${String((s as { name: string }).name)}"`,
              )
              .join(', ')}`,
    };
  },
});
