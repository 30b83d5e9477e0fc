// https://kubernetes.io/docs/concepts/security/rbac-good-practices/#minimize-permissions
import { defineCheck } from '../../core/check.ts';
import { worldOf } from '../../k8s/rbac/in-index.ts';
import { isSystemName } from './grant.ts';

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
  appliesTo: ['Role', 'ClusterRole'],
  peers: { 'kube-linter': ['wildcard-in-rules'] },
  *check(loaded, { index, settings }) {
    const { object, ref } = loaded;
    if (isSystemName(ref.name)) return;
    const role = worldOf(index, settings).roleOf(loaded);
    for (const { rule, index: i } of role?.rules ?? []) {
      const where = [
        rule.resources.includes('*') ? 'resources' : '',
        rule.verbs.includes('*') ? 'verbs' : '',
      ].filter(Boolean);
      if (where.length === 0) continue;
      yield {
        path: ['rules', i, rule.resources.includes('*') ? 'resources' : 'verbs'],
        message: `rule ${i} of ${object.kind} "${ref.name}" uses "*" in ${where.join(' and ')}`,
      };
    }
  },
});
