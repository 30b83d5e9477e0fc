// https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding
import { defineCheck } from '../../core/check.ts';
import { defaultsFor } from '../../k8s/rbac/defaults/index.ts';
import { minorOf } from '../../k8s/rbac/in-index.ts';
import { missingObjectReferences } from './shared.ts';

// Roles every cluster has: the user-facing ClusterRoles, the system: ones, and the bootstrap policy's namespaced
// Roles (kube-system/extension-apiserver-authentication-reader that every aggregated API server binds).
// https://kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings
const BUILT_IN_CLUSTER_ROLES = new Set(['cluster-admin', 'admin', 'edit', 'view']);

export const rolebindingRoleMissing = defineCheck({
  id: 'rolebinding-role-missing',
  title: 'RoleBinding or ClusterRoleBinding binds a role that does not exist',
  severity: 'medium',
  category: 'configuration',
  indexes: ['references'],
  description:
    'A binding whose roleRef names a Role or ClusterRole that does not exist grants nothing: the subjects ' +
    'get "forbidden" errors. Bindings are accepted anyway, so the mistake shows up only at run time. ' +
    "Built-in ClusterRoles (cluster-admin, admin, edit, view, system:*) and the API server's own Roles " +
    '(kube-system/extension-apiserver-authentication-reader, the leader-locking Roles) always exist.',
  remediation:
    "Create the role, or fix roleRef (kind and name). A RoleBinding's Role must be in the binding's namespace.",
  docs: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding'],
  appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
  *check(loaded, ctx) {
    const { settings } = ctx;
    const builtIn = () => defaultsFor(minorOf(settings.kubeVersion ?? settings.serverVersion)).roles;
    yield* missingObjectReferences(['Role', 'ClusterRole'], loaded, ctx, (ref) =>
      ref.kind === 'ClusterRole'
        ? BUILT_IN_CLUSTER_ROLES.has(ref.name) || ref.name.startsWith('system:')
        : builtIn().some((r) => r.kind === 'Role' && r.name === ref.name && r.namespace === ref.namespace),
    );
  },
});
