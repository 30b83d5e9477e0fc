// https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles
import { defineCheck } from '../../core/check.ts';
import { isFullAccess } from '../../k8s/rbac/capabilities.ts';
import { bindingGrant, DEFAULT_EXEMPT_BINDINGS, ruleOrigin } from './grant.ts';

export const rbacClusterAdminBinding = defineCheck<{ exemptBindings: string[] }>({
  id: 'rbac-cluster-admin-binding',
  title: 'ClusterRoleBinding grants cluster-admin',
  severity: 'critical',
  category: 'rbac',
  indexes: ['rbac:world'],
  description:
    'A ClusterRoleBinding to cluster-admin, or to any ClusterRole with a rule on every resource ("*") of every API ' +
    'group ("*") with every verb ("*", or all of get, list, watch, create, update, patch, delete), makes its ' +
    'subjects all-powerful over the whole cluster. Only ClusterRoleBindings are reported here: a RoleBinding is ' +
    'confined to its namespace (rbac-namespace-full-access), and a wildcard Role is not cluster-admin. Roles are ' +
    'resolved as the API server resolves them: in the input, else among the built-in roles of the Kubernetes ' +
    'version; an aggregated ClusterRole counts the rules of the ClusterRoles it selects. Bindings named system:…, ' +
    'labelled kubernetes.io/bootstrapping=rbac-defaults, the default "cluster-admin" binding and the ' +
    'exemptBindings parameter are skipped; a user binding to a system: role is not.',
  remediation:
    'Bind a role with only the permissions the subject needs. For humans, bind the default `admin`/`edit` roles ' +
    'per namespace; keep cluster-admin for break-glass accounts outside Git.',
  docs: [
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles',
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
  ],
  appliesTo: ['ClusterRoleBinding'],
  params: { exemptBindings: DEFAULT_EXEMPT_BINDINGS },
  peers: {
    polaris: ['clusterrolebindingClusterAdmin'],
    'kube-linter': ['cluster-admin-role-binding'],
  },
  *check(loaded, context) {
    const grant = bindingGrant(loaded, context, context.params.exemptBindings);
    if (!grant) return;
    const { binding, subjects } = grant;
    const rule = grant.rules.find(isFullAccess);
    if (!rule) return;
    if (binding.roleRef.name === 'cluster-admin') {
      yield {
        path: ['roleRef', 'name'],
        message: `ClusterRoleBinding "${binding.name}" grants cluster-admin over the whole cluster to ${subjects}`,
      };
      return;
    }
    yield {
      path: ['roleRef', 'name'],
      message: `ClusterRoleBinding "${binding.name}" grants full access over the whole cluster to ${subjects} through ${grant.roleText}${ruleOrigin(grant, rule)}`,
    };
  },
});
