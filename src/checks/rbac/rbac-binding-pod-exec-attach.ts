// https://kubernetes.io/docs/concepts/security/rbac-good-practices/
import { defineCheck } from '../../core/check.ts';
import { execCapability } from '../../k8s/rbac/capabilities.ts';
import { bindingGrant, capabilityIssue, DEFAULT_EXEMPT_BINDINGS, unknownRoleIssue } from './grant.ts';

export const rbacBindingPodExecAttach = defineCheck<{ exemptBindings: string[] }>({
  id: 'rbac-binding-pod-exec-attach',
  title: 'Binding gives subjects exec or attach into pods',
  severity: 'high',
  category: 'rbac',
  indexes: ['rbac:world'],
  description:
    'A RoleBinding or ClusterRoleBinding whose role allows pods/exec or pods/attach (see rbac-pod-exec-attach for ' +
    'the exact rule semantics) lets its subjects run commands in those pods, with the pods’ Secrets and ' +
    'ServiceAccounts. Roles are resolved as the API server resolves them, the built-in ones (admin, edit, …) of ' +
    'the Kubernetes version included. Severity follows scope and holder: one step lower through a RoleBinding ' +
    'outside kube-system, one higher when the subject is everyone of a kind (system:authenticated, ' +
    'system:serviceaccounts…) or a default ServiceAccount. When the role is neither in the input nor built in, ' +
    'what it grants is unknown and the finding is info. Bindings named system:…, the default "cluster-admin" ' +
    'binding and the exemptBindings parameter are skipped.',
  remediation:
    'Bind a role without pods/exec and pods/attach (e.g. `view`, or a custom role); give interactive access ' +
    'through a separate, audited role.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding',
  ],
  appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
  params: { exemptBindings: DEFAULT_EXEMPT_BINDINGS },
  peers: {
    polaris: [
      'rolebindingRolePodExecAttach',
      'rolebindingClusterRolePodExecAttach',
      'clusterrolebindingPodExecAttach',
    ],
  },
  *check(loaded, context) {
    const grant = bindingGrant(loaded, context, context.params.exemptBindings);
    if (!grant) return;
    if (!grant.role) {
      if (context.index.partial) yield unknownRoleIssue(grant, 'pods/exec or pods/attach');
      return;
    }
    const issue = capabilityIssue(
      grant,
      execCapability(context.settings.kubeVersion),
      (held) => `allows ${held.resources.join(' and ')}`,
      0,
      'relate',
    );
    if (issue) yield issue;
  },
});
