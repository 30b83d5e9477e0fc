// https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation
import { defineCheck } from '../../core/check.ts';
import { CAPABILITIES } from '../../k8s/rbac/capabilities.ts';
import { bindingGrant, capabilityIssue, DEFAULT_EXEMPT_BINDINGS } from './grant.ts';

export const rbacCreatePods = defineCheck<{ exemptBindings: string[] }>({
  id: 'rbac-create-pods',
  title: 'Binding lets subjects create pods or workloads',
  severity: 'medium',
  category: 'rbac',
  indexes: ['rbac:world'],
  description:
    'Whoever can create a pod (directly or through a Deployment, StatefulSet, DaemonSet, ReplicaSet, ' +
    'ReplicationController, Job or CronJob) can run it as any ServiceAccount of the namespace and mount any ' +
    'Secret, ConfigMap or PVC there: an implicit grant of all of them (CIS 5.1.4). Reported on the binding, for ' +
    'the create verb (or "*") in the right API group. Built-in roles (admin, edit, …) are known without being in ' +
    'the input. Off by default in review: deployment pipelines and operators need it; `shipshape rbac audit` runs it.',
  remediation:
    'Limit workload creation to deployment pipelines and operators, and enforce Pod Security admission in the ' +
    'namespaces they deploy to.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping',
  ],
  appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
  enabledByDefault: false,
  params: { exemptBindings: DEFAULT_EXEMPT_BINDINGS },
  peers: { 'kube-linter': ['access-to-create-pods'] },
  *check(loaded, context) {
    const grant = bindingGrant(loaded, context, context.params.exemptBindings);
    if (!grant) return;
    const issue = capabilityIssue(
      grant,
      CAPABILITIES.podCreate,
      (held) =>
        grant.role?.builtIn
          ? 'creates pods'
          : `can create ${held.resources.map((r) => r.split('.')[0]).join(', ')}`,
      0,
      'relate',
    );
    if (issue) yield issue;
  },
});
