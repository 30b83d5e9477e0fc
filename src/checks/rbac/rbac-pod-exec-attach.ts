// https://kubernetes.io/docs/concepts/security/rbac-good-practices/
import { defineCheck } from '../../core/check.ts';
import { execCapability, holds } from '../../k8s/rbac/capabilities.ts';
import { worldOf } from '../../k8s/rbac/in-index.ts';
import { isSystemName } from './grant.ts';

/** Kubernetes' default user-facing roles that grant exec by design; their bindings are what matters. */
export const DEFAULT_EXEC_ROLES = ['cluster-admin', 'admin', 'edit'];

export const rbacPodExecAttach = defineCheck<{ exemptRoles: string[] }>({
  id: 'rbac-pod-exec-attach',
  title: 'Role allows exec or attach into pods',
  severity: 'high',
  category: 'rbac',
  description:
    'pods/exec and pods/attach let a subject run commands in, or take over the terminal of, any pod the role ' +
    'covers: it reads every Secret, token and file those pods see and acts with their ServiceAccounts. A rule ' +
    'grants it with "create" (and with "get" on clusters before 1.35, where the WebSocket upgrade kubectl uses ' +
    'since 1.30 is authorised as get), through an explicit pods/exec or pods/attach, "*" or "*/exec" resources, ' +
    'and "" or "*" API groups. Roles named system:…, the defaults cluster-admin, admin and edit, and the ' +
    'exemptRoles parameter are skipped; bindings to them are reported by rbac-binding-pod-exec-attach.',
  remediation:
    'Remove pods/exec and pods/attach from the role; give interactive access through a separate, audited ' +
    'break-glass role, or use `kubectl debug` with ephemeral containers under tighter RBAC.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources',
  ],
  appliesTo: ['Role', 'ClusterRole'],
  params: { exemptRoles: ['gce:podsecuritypolicy:calico-sa'] },
  peers: { polaris: ['rolePodExecAttach', 'clusterrolePodExecAttach'] },
  *check(loaded, { index, params, settings }) {
    const { object, ref } = loaded;
    if (isSystemName(ref.name, [...DEFAULT_EXEC_ROLES, ...params.exemptRoles])) return;
    const role = worldOf(index, settings).roleOf(loaded);
    if (!role) return;
    const exec = execCapability(settings.kubeVersion);
    for (const rule of role.rules) {
      const grants = exec.targets
        .map(([group, resource]) => {
          const held = holds([rule], { ...exec, targets: [[group, resource]] });
          return held ? `${held.verbs.join('/')} ${resource}` : '';
        })
        .filter(Boolean);
      if (grants.length === 0) continue;
      yield {
        path: ['rules', rule.index, 'resources'],
        message: `${object.kind} "${ref.name}" allows ${grants.join(' and ')}`,
      };
    }
  },
});
