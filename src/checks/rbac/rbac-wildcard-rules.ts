// https://kubernetes.io/docs/concepts/security/rbac-good-practices/#minimize-permissions
import { defineCheck } from '../../core/check.ts';
import { isSystemName, ROLE_KINDS, rulesOf } from '../../k8s/rbac.ts';

export const rbacWildcardRules = defineCheck({
  id: 'rbac-wildcard-rules',
  title: 'Role rule uses a wildcard',
  severity: 'medium',
  category: 'rbac',
  description:
    'A "*" in a rule’s resources or verbs grants everything that exists now and everything added later (new ' +
    'CRDs, new subresources, new verbs such as escalate or impersonate), so the role’s real power cannot be read ' +
    'from the manifest. Reported once per rule. Roles named system:… (Kubernetes’ own) are skipped. A wildcard ' +
    'in apiGroups alone is not reported.',
  remediation: 'List the resources and verbs the subject really needs.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#minimize-permissions',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources',
  ],
  appliesTo: ROLE_KINDS,
  peers: { 'kube-linter': ['wildcard-in-rules'] },
  *check({ object, ref }) {
    if (isSystemName(ref.name)) return;
    for (const rule of rulesOf(object)) {
      const where = [
        rule.resources.includes('*') ? 'resources' : '',
        rule.verbs.includes('*') ? 'verbs' : '',
      ].filter(Boolean);
      if (where.length === 0) continue;
      yield {
        path: [...rule.path, rule.resources.includes('*') ? 'resources' : 'verbs'],
        message: `rule ${String(rule.path[1])} of ${object.kind} "${ref.name}" uses "*" in ${where.join(' and ')}`,
      };
    }
  },
});
