// https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation
import { defineCheck } from '../../core/check.ts';
import { BINDING_KINDS, bindingView, DEFAULT_EXEMPT_BINDINGS, grantedVerbs } from '../../k8s/rbac.ts';

/** Resources whose creation creates pods: [group, resource]. */
const POD_CREATORS: [string, string][] = [
  ['', 'pods'],
  ['', 'replicationcontrollers'],
  ['apps', 'deployments'],
  ['apps', 'statefulsets'],
  ['apps', 'daemonsets'],
  ['apps', 'replicasets'],
  ['batch', 'jobs'],
  ['batch', 'cronjobs'],
];

export const rbacCreatePods = defineCheck<{ exemptBindings: string[] }>({
  id: 'rbac-create-pods',
  title: 'Binding lets subjects create pods or workloads',
  severity: 'medium',
  category: 'rbac',
  description:
    'Whoever can create a pod (directly or through a Deployment, StatefulSet, DaemonSet, ReplicaSet, ' +
    'ReplicationController, Job or CronJob) can run it as any ServiceAccount of the namespace and mount any ' +
    'Secret, ConfigMap or PVC there: an implicit grant of all of them (CIS 5.1.4). Reported on the binding, for ' +
    'the create verb (or "*") in the right API group. The defaults cluster-admin, admin and edit allow it. Off by ' +
    'default: deployment pipelines and operators need it.',
  remediation:
    'Limit workload creation to deployment pipelines and operators, and enforce Pod Security admission in the ' +
    'namespaces they deploy to.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping',
  ],
  appliesTo: BINDING_KINDS,
  enabledByDefault: false,
  params: { exemptBindings: DEFAULT_EXEMPT_BINDINGS },
  peers: { 'kube-linter': ['access-to-create-pods'] },
  *check(loaded, { index, params }) {
    const { object, ref } = loaded;
    const view = bindingView(index, loaded, params.exemptBindings);
    if (!view) return;
    const { target, role, subjects } = view;
    if (target.builtIn?.createPods) {
      yield {
        path: ['roleRef', 'name'],
        message: `${object.kind} "${ref.name}" binds default ${role}, which creates pods, to ${subjects}`,
      };
      return;
    }
    const resources = new Set<string>();
    for (const { rules } of target.sources)
      for (const rule of rules)
        for (const [group, resource] of POD_CREATORS)
          if (grantedVerbs(rule, group, resource, ['create']).length > 0) resources.add(resource);
    if (resources.size === 0) return;
    yield {
      path: ['roleRef', 'name'],
      message: `${object.kind} "${ref.name}" binds ${role}, which can create ${[...resources].join(', ')}, to ${subjects}`,
    };
  },
});
