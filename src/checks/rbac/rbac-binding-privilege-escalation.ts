// https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks
import { defineCheck } from '../../core/check.ts';
import { CAPABILITIES, type Capability, holds } from '../../k8s/rbac/capabilities.ts';
import { bindingGrant, capabilityIssue, DEFAULT_EXEMPT_BINDINGS, isNamespaceUserRole } from './grant.ts';

export const rbacBindingPrivilegeEscalation = defineCheck<{ exemptBindings: string[] }>({
  id: 'rbac-binding-privilege-escalation',
  title: 'Binding gives subjects escalate, bind or impersonate',
  severity: 'critical',
  category: 'rbac',
  indexes: ['rbac:world'],
  description:
    'RBAC stops a subject from granting permissions it does not hold, unless it holds "escalate" (write roles ' +
    'with any rules), "bind" (bind any role, cluster-admin included) on roles or clusterroles, or "impersonate" ' +
    'on users, groups, serviceaccounts or uids (act as anyone, system:masters included). Each is a path to ' +
    'everything the scope allows. "*" verbs count. bind limited by resourceNames to named roles is not reported ' +
    '(the delegation pattern the API server intends). Severity follows scope and holder.',
  remediation:
    'Remove the verb from the role; for delegation, limit bind with resourceNames to the roles that may be ' +
    'handed out, and impersonate to the named identities.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#restrictions-on-role-creation-or-update',
  ],
  appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
  params: { exemptBindings: DEFAULT_EXEMPT_BINDINGS },
  *check(loaded, context) {
    const grant = bindingGrant(loaded, context, context.params.exemptBindings);
    if (!grant || isNamespaceUserRole(grant)) return;
    const cluster = grant.binding.kind === 'ClusterRoleBinding';
    const held = (capability: Capability) =>
      (cluster || !capability.clusterScoped) && holds(grant.rules, capability) !== undefined;
    const impersonation = [CAPABILITIES.impersonateIdentities, CAPABILITIES.impersonateServiceAccounts].find(
      held,
    );
    const verbs = [
      ...(held(CAPABILITIES.escalate) ? ['escalate'] : []),
      ...(held(CAPABILITIES.bind) ? ['bind'] : []),
      ...(impersonation ? ['impersonate'] : []),
    ];
    const first =
      verbs[0] === 'escalate'
        ? CAPABILITIES.escalate
        : verbs[0] === 'bind'
          ? CAPABILITIES.bind
          : impersonation;
    if (!first) return;
    const issue = capabilityIssue(grant, first, () => `grants ${verbs.join(', ')}`);
    if (issue) yield issue;
  },
});
