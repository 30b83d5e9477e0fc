// https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks
import { defineCheck } from '../../core/check.ts';
import { worldOf } from '../../k8s/rbac/in-index.ts';
import type { PolicyRule } from '../../k8s/rbac/rule.ts';
import { isSystemName } from './grant.ts';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function escalations(rule: PolicyRule): string[] {
  const out: string[] = [];
  const has = (verb: string) => rule.verbs.includes(verb);
  const group = (g: string) => rule.apiGroups.includes(g) || rule.apiGroups.includes('*');
  const resource = (...names: string[]) => rule.resources.some((r) => r === '*' || names.includes(r));
  if (has('bind') && group(RBAC_GROUP) && resource('roles', 'clusterroles')) out.push('bind');
  if (has('escalate') && group(RBAC_GROUP) && resource('roles', 'clusterroles')) out.push('escalate');
  if (
    has('impersonate') &&
    (group('') || group('authentication.k8s.io')) &&
    resource('users', 'groups', 'serviceaccounts', 'userextras', 'uids', 'userextras/scopes')
  )
    out.push('impersonate');
  return out;
}

export const rbacPrivilegeEscalationVerbs = defineCheck({
  id: 'rbac-privilege-escalation-verbs',
  title: 'Role grants bind, escalate or impersonate',
  severity: 'high',
  category: 'rbac',
  description:
    'RBAC normally stops a subject from granting permissions it does not hold. "bind" on roles/clusterroles lets ' +
    'it bind any role (cluster-admin included), "escalate" lets it edit a role to grant itself anything, and ' +
    '"impersonate" on users, groups or serviceaccounts lets it act as another identity (system:masters ' +
    'included): each is a path to cluster-admin. Only explicitly named verbs are reported; "*" verbs are reported ' +
    'by rbac-wildcard-rules. Roles named system:… are skipped.',
  remediation:
    'Remove the verb; if a controller truly needs it, restrict the rule with resourceNames to the exact roles or ' +
    'identities involved.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#restrictions-on-role-creation-or-update',
  ],
  appliesTo: ['Role', 'ClusterRole'],
  *check(loaded, { index, settings }) {
    const { object, ref } = loaded;
    if (isSystemName(ref.name)) return;
    const role = worldOf(index, settings).roleOf(loaded);
    for (const { rule, index: i } of role?.rules ?? []) {
      const verbs = escalations(rule);
      if (verbs.length === 0) continue;
      const scoped =
        rule.resourceNames.length > 0 ? ` (limited to ${rule.resourceNames.length} named object(s))` : '';
      yield {
        path: ['rules', i, 'verbs'],
        severity: scoped ? 'medium' : undefined,
        message: `${object.kind} "${ref.name}" grants ${verbs.join(', ')}${scoped}`,
      };
    }
  },
});
