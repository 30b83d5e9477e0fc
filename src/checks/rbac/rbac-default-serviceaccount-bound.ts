// https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts
import { defineCheck } from '../../core/check.ts';
import { bindingGrant, DEFAULT_EXEMPT_BINDINGS } from './grant.ts';

export const rbacDefaultServiceaccountBound = defineCheck<{ exemptBindings: string[] }>({
  id: 'rbac-default-serviceaccount-bound',
  title: 'Binding grants permissions to a namespace’s default ServiceAccount',
  severity: 'medium',
  category: 'rbac',
  indexes: ['rbac:world'],
  description:
    'Every pod that names no ServiceAccount runs as its namespace’s "default" ServiceAccount, so a role bound to ' +
    'it is held by all of them, whatever they run. Reported when the bound role grants anything (a role not in ' +
    'the input is reported as info).',
  remediation:
    'Create a ServiceAccount for the workload that needs the permissions, set serviceAccountName on it, and bind ' +
    'the role to that one.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts',
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
  ],
  appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
  params: { exemptBindings: DEFAULT_EXEMPT_BINDINGS },
  *check(loaded, context) {
    const grant = bindingGrant(loaded, context, context.params.exemptBindings);
    if (!grant) return;
    const { binding, role } = grant;
    if (role && grant.rules.length === 0) return;
    for (const subject of binding.subjects) {
      if (subject.kind !== 'ServiceAccount' || subject.name !== 'default') continue;
      const ns = subject.namespace || binding.namespace || '';
      const where =
        binding.kind === 'ClusterRoleBinding' ? 'across the cluster' : `in namespace "${binding.namespace}"`;
      yield {
        path: ['subjects', subject.index],
        ...(role ? {} : { severity: 'info' as const }),
        message: `${binding.kind} "${binding.name}" gives ${grant.roleText}${role ? '' : ' (not in the input)'} ${where} to the default ServiceAccount of namespace "${ns}", so to every pod there that names no ServiceAccount`,
      };
    }
  },
});
