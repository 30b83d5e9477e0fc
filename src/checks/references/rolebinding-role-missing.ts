// https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding
import { defineCheck } from '../../core/check.ts';
import { missingObjectReferences } from './shared.ts';

// Roles every cluster has: the user-facing ClusterRoles and the system: ones bootstrapped by the API server.
// https://kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings
const BUILT_IN_CLUSTER_ROLES = new Set(['cluster-admin', 'admin', 'edit', 'view']);

export const rolebindingRoleMissing = defineCheck({
  id: 'rolebinding-role-missing',
  title: 'RoleBinding or ClusterRoleBinding binds a role that does not exist',
  severity: 'medium',
  category: 'configuration',
  description:
    'A binding whose roleRef names a Role or ClusterRole that does not exist grants nothing: the subjects ' +
    'get "forbidden" errors. Bindings are accepted anyway, so the mistake shows up only at run time. ' +
    'Built-in ClusterRoles (cluster-admin, admin, edit, view, system:*) always exist.',
  remediation:
    "Create the role, or fix roleRef (kind and name). A RoleBinding's Role must be in the binding's namespace.",
  docs: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding'],
  appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
  *check(loaded, ctx) {
    yield* missingObjectReferences(
      ['Role', 'ClusterRole'],
      loaded,
      ctx,
      (ref) =>
        ref.kind === 'ClusterRole' &&
        (BUILT_IN_CLUSTER_ROLES.has(ref.name) || ref.name.startsWith('system:')),
    );
  },
});
