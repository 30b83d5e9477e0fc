// https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege
import { defineCheck } from '../../core/check.ts';
import { isFullAccess } from '../../k8s/rbac/capabilities.ts';
import { bindingGrant, DEFAULT_EXEMPT_BINDINGS, ruleOrigin } from './grant.ts';

export const rbacNamespaceFullAccess = defineCheck<{ exemptBindings: string[] }>({
  id: 'rbac-namespace-full-access',
  title: 'RoleBinding grants every permission in its namespace',
  severity: 'high',
  category: 'rbac',
  indexes: ['rbac:world'],
  description:
    'A RoleBinding to cluster-admin, or to a Role or ClusterRole with a rule on every resource ("*") of every API ' +
    'group ("*") with every verb, gives its subjects everything in that namespace: its Secrets, every ' +
    'ServiceAccount token (by creating pods), RBAC inside it (bind and escalate included), and the Namespace ' +
    'object itself (relabel Pod Security, delete it). It is not cluster-admin: nothing outside the namespace and ' +
    'no cluster-scoped resource. Critical in kube-system. Bindings named system:…, labelled ' +
    'kubernetes.io/bootstrapping=rbac-defaults and the exemptBindings parameter are skipped.',
  remediation:
    'Bind the built-in `admin` or `edit` ClusterRole with a RoleBinding, or a Role listing the resources and verbs ' +
    'the subject needs.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles',
  ],
  appliesTo: ['RoleBinding'],
  params: { exemptBindings: DEFAULT_EXEMPT_BINDINGS },
  peers: { polaris: ['rolebindingClusterAdminClusterRole', 'rolebindingClusterAdminRole'] },
  *check(loaded, context) {
    const grant = bindingGrant(loaded, context, context.params.exemptBindings);
    if (!grant) return;
    const { binding, subjects } = grant;
    const rule = grant.rules.find(isFullAccess);
    if (!rule) return;
    // base high = ordinary namespace; kube-system and broad holders raise it.
    const shift = grant.severityShift + 1;
    yield {
      path: ['roleRef', 'name'],
      severityShift: shift,
      message: `RoleBinding "${binding.name}" grants every permission in namespace "${binding.namespace}" to ${subjects} through ${grant.roleText}${ruleOrigin(grant, rule)}`,
    };
  },
});
