// https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles
import { defineCheck } from '../../core/check.ts';
import { CAPABILITIES, execCapability, holds, isFullAccess } from '../../k8s/rbac/capabilities.ts';
import { worldOf } from '../../k8s/rbac/in-index.ts';

const LABEL = 'rbac.authorization.k8s.io/aggregate-to-';
/** What each built-in user-facing role is not meant to give, and that an aggregated part must not add. */
const TARGETS: Record<
  string,
  { roles: string; sensitive: (keyof typeof CAPABILITIES | 'exec' | 'everything')[] }
> = {
  view: {
    roles: 'view, edit and admin',
    sensitive: [
      'everything',
      'escalate',
      'bind',
      'impersonateIdentities',
      'impersonateServiceAccounts',
      'secretsRead',
      'exec',
      'podCreate',
      'tokenRequest',
    ],
  },
  edit: { roles: 'edit and admin', sensitive: ['everything', 'escalate', 'bind', 'impersonateIdentities'] },
  admin: { roles: 'admin', sensitive: ['everything', 'escalate', 'impersonateIdentities'] },
};

const WORDS: Record<string, string> = {
  everything: 'every permission ("*" on "*")',
  escalate: 'escalate',
  bind: 'bind',
  impersonateIdentities: 'impersonate',
  impersonateServiceAccounts: 'impersonating ServiceAccounts',
  secretsRead: 'reading Secrets',
  exec: 'pods/exec',
  podCreate: 'creating pods',
  tokenRequest: 'ServiceAccount tokens',
};

export const rbacAggregationToDefaultRole = defineCheck({
  id: 'rbac-aggregation-to-default-role',
  title: 'ClusterRole adds sensitive permissions to the built-in view, edit or admin roles',
  severity: 'high',
  category: 'rbac',
  description:
    'A ClusterRole labelled rbac.authorization.k8s.io/aggregate-to-view (or -edit, -admin) is merged by the ' +
    'controller into that built-in role, and view is part of edit, edit part of admin: its rules reach everyone ' +
    'bound to them, in every namespace, without anyone touching those bindings. Reported when it adds what the ' +
    'role is not meant to give: to view anything beyond reading non-sensitive objects (Secrets, exec, pod ' +
    'creation, tokens, escalation), to edit and admin escalation, impersonation or "*".',
  remediation:
    'Drop the aggregate-to label and bind the ClusterRole to the subjects that need it, or remove the sensitive ' +
    'rules from it.',
  docs: [
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles',
  ],
  appliesTo: ['ClusterRole'],
  *check(loaded, { index, settings }) {
    const role = worldOf(index, settings).roleOf(loaded);
    if (!role || role.name.startsWith('system:')) return;
    for (const [target, { roles, sensitive }] of Object.entries(TARGETS)) {
      if (role.labels[`${LABEL}${target}`] !== 'true') continue;
      const added = sensitive.filter((what) => {
        if (what === 'everything') return role.rules.some(isFullAccess);
        if (what === 'exec') return holds(role.rules, execCapability(settings.kubeVersion)) !== undefined;
        return holds(role.rules, CAPABILITIES[what]) !== undefined;
      });
      if (added.length === 0) continue;
      yield {
        path: ['metadata', 'labels', `${LABEL}${target}`],
        message: `ClusterRole "${role.name}" aggregates ${added.map((a) => WORDS[a]).join(', ')} into the built-in ${roles} roles, so to everyone bound to them`,
      };
      return;
    }
  },
});
