// https://kubernetes.io/docs/concepts/security/rbac-good-practices/#token-request
import { defineCheck } from '../../core/check.ts';
import { CAPABILITIES } from '../../k8s/rbac/capabilities.ts';
import { bindingGrant, capabilityIssue, DEFAULT_EXEMPT_BINDINGS, isNamespaceUserRole } from './grant.ts';

export const rbacBindingTokenRequest = defineCheck<{ exemptBindings: string[] }>({
  id: 'rbac-binding-token-request',
  title: 'Binding lets subjects mint ServiceAccount tokens',
  severity: 'high',
  category: 'rbac',
  indexes: ['rbac:world'],
  description:
    '`create serviceaccounts/token` issues a token for an existing ServiceAccount: whoever holds it acts as ' +
    'every ServiceAccount in scope (resourceNames narrow it to the named ones, which is still their power). ' +
    'The built-in edit and admin roles include it. Severity follows scope and holder.',
  remediation:
    'Remove serviceaccounts/token from the role, or limit it with resourceNames to the ServiceAccounts the ' +
    'subject must act as; prefer projected tokens mounted by the workload itself.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#token-request',
    'https://kubernetes.io/docs/reference/kubernetes-api/authentication-resources/token-request-v1/',
  ],
  appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
  params: { exemptBindings: DEFAULT_EXEMPT_BINDINGS },
  *check(loaded, context) {
    const grant = bindingGrant(loaded, context, context.params.exemptBindings);
    if (!grant || isNamespaceUserRole(grant)) return;
    const issue = capabilityIssue(grant, CAPABILITIES.tokenRequest, () => 'can create ServiceAccount tokens');
    if (issue) yield issue;
  },
});
