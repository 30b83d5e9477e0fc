// https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles
import { defineCheck } from '../../core/check.ts';
import { BINDING_KINDS, bindingView, DEFAULT_EXEMPT_BINDINGS, isFullAccessRule } from '../../k8s/rbac.ts';

export const rbacClusterAdminBinding = defineCheck<{ exemptBindings: string[] }>({
  id: 'rbac-cluster-admin-binding',
  title: 'Binding grants cluster-admin or full access',
  severity: 'critical',
  category: 'rbac',
  description:
    'A binding to cluster-admin, or to any role with a rule on every resource ("*") of every API group ("*") ' +
    'with every verb ("*", or all of get, list, watch, create, update, patch, delete), makes its subjects ' +
    'all-powerful: in a ClusterRoleBinding over the whole cluster, in a RoleBinding over that namespace (its ' +
    'Secrets, pods and ServiceAccounts included). Bindings named system:… and the default "cluster-admin" binding ' +
    '(and the exemptBindings parameter) are skipped; a user binding to a system: role is not. A role is ' +
    'resolved in the input; an aggregated ClusterRole counts the rules of the ClusterRoles it selects there.',
  remediation:
    'Bind a role with only the permissions the subject needs. For humans, bind the default `admin`/`edit` roles ' +
    'per namespace; keep cluster-admin for break-glass accounts outside Git.',
  docs: [
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles',
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
  ],
  appliesTo: BINDING_KINDS,
  params: { exemptBindings: DEFAULT_EXEMPT_BINDINGS },
  peers: {
    polaris: [
      'clusterrolebindingClusterAdmin',
      'rolebindingClusterAdminClusterRole',
      'rolebindingClusterAdminRole',
    ],
    'kube-linter': ['cluster-admin-role-binding'],
  },
  *check(loaded, { index, params }) {
    const { object, ref } = loaded;
    const view = bindingView(index, loaded, params.exemptBindings);
    if (!view) return;
    const { target, subjects } = view;
    const scope =
      object.kind === 'ClusterRoleBinding'
        ? 'the whole cluster'
        : `namespace "${ref.namespace ?? 'default'}"`;
    if (target.ref.kind === 'ClusterRole' && target.ref.name === 'cluster-admin') {
      yield {
        path: ['roleRef', 'name'],
        message: `${object.kind} "${ref.name}" grants cluster-admin over ${scope} to ${subjects}`,
      };
      return;
    }
    for (const { rules, from } of target.sources) {
      const rule = rules.find(isFullAccessRule);
      if (!rule) continue;
      const via = from === target.role ? '' : ` (aggregated from ClusterRole "${from.ref.name}")`;
      yield {
        path: ['roleRef', 'name'],
        message: `${object.kind} "${ref.name}" grants full access over ${scope} to ${subjects} through ${target.ref.kind} "${target.ref.name}"${via}`,
      };
      return;
    }
  },
});
