// https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets
import { defineCheck } from '../../core/check.ts';
import { CAPABILITIES } from '../../k8s/rbac/capabilities.ts';
import { bindingGrant, capabilityIssue, DEFAULT_EXEMPT_BINDINGS } from './grant.ts';

export const rbacSecretsAccess = defineCheck<{ exemptBindings: string[] }>({
  id: 'rbac-secrets-access',
  title: 'Binding gives subjects read access to Secrets',
  severity: 'medium',
  category: 'rbac',
  indexes: ['rbac:world'],
  description:
    'get, list or watch on secrets (core API group, or "*") returns Secret contents: list and watch return every ' +
    'Secret of the scope, ServiceAccount tokens and TLS keys included (CIS 5.1.2). Reported on the binding, since ' +
    'that is what gives the access to someone; rules restricted with resourceNames are not reported (that is the ' +
    'recommended narrow form). Built-in roles (admin, edit, …) are known without being in the input. Severity ' +
    'follows scope and holder like rbac-binding-pod-exec-attach. Off by default in review: controllers often ' +
    'need it; `shipshape rbac audit` runs it.',
  remediation:
    'Remove secrets from the role, or restrict the rule to `get` with `resourceNames` listing the Secrets the ' +
    'subject needs.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets',
    'https://kubernetes.io/docs/concepts/configuration/secret/#information-security-for-secrets',
  ],
  appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
  enabledByDefault: false,
  params: { exemptBindings: DEFAULT_EXEMPT_BINDINGS },
  peers: { 'kube-linter': ['access-to-secrets'] },
  *check(loaded, context) {
    const grant = bindingGrant(loaded, context, context.params.exemptBindings);
    if (!grant) return;
    const issue = capabilityIssue(
      grant,
      CAPABILITIES.secretsRead,
      (held) => (grant.role?.builtIn ? 'reads Secrets' : `can ${held.verbs.join('/')} Secrets`),
      0,
      'relate',
    );
    if (issue) yield issue;
  },
});
