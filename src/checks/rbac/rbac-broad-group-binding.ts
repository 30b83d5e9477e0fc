// https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege
import { defineCheck } from '../../core/check.ts';
import { bindingGrant, isBroadSubject } from './grant.ts';

/** Built-in roles the API server itself binds to everyone: discovery and public information only. */
const PUBLIC_ROLES = new Set([
  'system:basic-user',
  'system:discovery',
  'system:public-info-viewer',
  'system:service-account-issuer-discovery',
]);

const WHO: Record<string, string> = {
  'system:authenticated':
    'every authenticated user (on managed clusters: anyone with an account at the provider)',
  'system:unauthenticated': 'anonymous requests',
  'system:anonymous': 'anonymous requests',
  'system:serviceaccounts': 'every ServiceAccount of every namespace',
};

export const rbacBroadGroupBinding = defineCheck({
  id: 'rbac-broad-group-binding',
  title: 'Binding grants a role to everyone of a kind',
  severity: 'high',
  category: 'rbac',
  indexes: ['rbac:world'],
  description:
    'system:authenticated (every user, and on GKE any Google account), system:unauthenticated and the user ' +
    'system:anonymous (anyone who can reach the API server), system:serviceaccounts (every pod of every ' +
    'namespace) and system:serviceaccounts:<namespace> (every pod there) are groups the API server puts people ' +
    'in implicitly: a binding to them is a grant to all of them. Critical for anonymous access, medium for one ' +
    'namespace’s ServiceAccounts. The discovery roles the API server binds to everyone itself ' +
    '(system:basic-user, system:discovery, system:public-info-viewer, system:service-account-issuer-discovery) ' +
    'are not reported; binding names are not trusted for this (anyone can name a binding system:…).',
  remediation:
    'Bind the role to the users, groups or ServiceAccounts that need it by name; for anonymous access, remove ' +
    'the binding.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects',
  ],
  appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
  *check(loaded, context) {
    const grant = bindingGrant(loaded, context, [], false);
    if (!grant) return;
    const { binding, role } = grant;
    if (role?.builtIn && PUBLIC_ROLES.has(role.name)) return;
    if (role && grant.rules.length === 0) return;
    for (const subject of binding.subjects) {
      if (!isBroadSubject(subject)) continue;
      const anonymous = subject.name === 'system:unauthenticated' || subject.name === 'system:anonymous';
      const oneNamespace = subject.name.startsWith('system:serviceaccounts:');
      const who =
        WHO[subject.name] ??
        `every ServiceAccount of namespace "${subject.name.slice('system:serviceaccounts:'.length)}"`;
      const where =
        binding.kind === 'ClusterRoleBinding' ? 'across the cluster' : `in namespace "${binding.namespace}"`;
      yield {
        path: ['subjects', subject.index],
        ...(role ? {} : { severity: 'info' as const }),
        severityShift: anonymous ? 1 : oneNamespace ? -1 : 0,
        message: `${binding.kind} "${binding.name}" gives ${grant.roleText}${role ? '' : ' (not in the input)'} ${where} to ${subject.kind} ${subject.name}: ${who}`,
      };
    }
  },
});
