// https://kubernetes.io/docs/concepts/security/rbac-good-practices/
import { defineCheck } from '../../core/check.ts';
import { BINDING_KINDS, bindingView, DEFAULT_EXEMPT_BINDINGS, execGrants } from '../../k8s/rbac.ts';

export const rbacBindingPodExecAttach = defineCheck<{ exemptBindings: string[] }>({
  id: 'rbac-binding-pod-exec-attach',
  title: 'Binding gives subjects exec or attach into pods',
  severity: 'high',
  category: 'rbac',
  description:
    'A RoleBinding or ClusterRoleBinding whose role allows pods/exec or pods/attach (see rbac-pod-exec-attach for ' +
    'the exact rule semantics) lets its subjects run commands in those pods, with the pods’ Secrets and ' +
    'ServiceAccounts. The Kubernetes default ClusterRoles cluster-admin, admin and edit allow it and are known ' +
    'without being in the input. When the role is neither in the input nor a default, what it grants is unknown ' +
    'and the finding is info. Bindings named system:…, the default "cluster-admin" binding and the ' +
    'exemptBindings parameter are skipped.',
  remediation:
    'Bind a role without pods/exec and pods/attach (e.g. `view`, or a custom role); give interactive access ' +
    'through a separate, audited role.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding',
  ],
  appliesTo: BINDING_KINDS,
  params: { exemptBindings: DEFAULT_EXEMPT_BINDINGS },
  peers: {
    polaris: [
      'rolebindingRolePodExecAttach',
      'rolebindingClusterRolePodExecAttach',
      'clusterrolebindingPodExecAttach',
    ],
  },
  *check(loaded, { index, params }) {
    const { object, ref } = loaded;
    const view = bindingView(index, loaded, params.exemptBindings);
    if (!view) return;
    const { target, role, subjects } = view;
    if (target.builtIn) {
      if (target.builtIn.exec)
        yield {
          path: ['roleRef', 'name'],
          message: `${object.kind} "${ref.name}" binds default ${role}, which allows pods/exec, to ${subjects}`,
        };
      return;
    }
    if (!target.role) {
      if (index.partial)
        yield {
          path: ['roleRef', 'name'],
          severity: 'info',
          message: `${object.kind} "${ref.name}" binds ${role}, which is not in the input; it may allow pods/exec or pods/attach`,
        };
      return;
    }
    for (const { rules } of target.sources) {
      const grants = rules.flatMap(execGrants);
      if (grants.length === 0) continue;
      const what = [...new Set(grants.map((g) => g.resource))].join(' and ');
      yield {
        path: ['roleRef', 'name'],
        message: `${object.kind} "${ref.name}" binds ${role}, which allows ${what}, to ${subjects}`,
      };
      return;
    }
  },
});
