// https://kubernetes.io/docs/reference/access-authn-authz/rbac/#api-overview
import { defineCheck } from '../../core/check.ts';
import { worldOf } from '../../k8s/rbac/in-index.ts';

export const rbacObjectInvalid = defineCheck({
  id: 'rbac-object-invalid',
  title: 'RBAC object the API server would reject, or that does not do what it says',
  severity: 'high',
  category: 'rbac',
  indexes: ['rbac:world'],
  description:
    'Errors (high) are what the API server rejects: a rule with an empty verbs list, a rule mixing resources and ' +
    'nonResourceURLs, URL rules in a Role, a resource rule without apiGroups or resources, a roleRef kind other ' +
    'than Role or ClusterRole (kinds are case-sensitive), a subject kind other than User, Group or ServiceAccount, ' +
    'a ServiceAccount subject of a ClusterRoleBinding without a namespace, fields of the wrong type. The rest of ' +
    'the object is still evaluated by every other RBAC check and command. Warnings (low) are accepted by the API ' +
    'server but do nothing: a binding without subjects, an aggregation that selects itself through other ' +
    'aggregated roles. Missing fields and wrong types are reported by schema validation and duplicates by ' +
    'object-duplicate, not again here (the rbac commands print them all).',
  remediation:
    'Correct the field the message names; `kubectl apply --dry-run=server` confirms the API server accepts it.',
  docs: [
    'https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/role-v1/',
    'https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/role-binding-v1/',
  ],
  appliesTo: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  *check(loaded, { index, settings }) {
    for (const problem of worldOf(index, settings).problemsOf(loaded)) {
      // Missing fields and wrong types are schema validation's findings, duplicates object-duplicate's.
      if (problem.alsoReportedBy) continue;
      yield {
        ...(problem.path ? { path: problem.path } : {}),
        ...(problem.level === 'warning' ? { severity: 'low' as const } : {}),
        message: `${problem.object}: ${problem.message}`,
      };
    }
  },
});
