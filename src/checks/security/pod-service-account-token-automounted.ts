// https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
import { defineCheck } from '../../core/check.ts';
import { type ObjectIndex, objectKey } from '../../core/index.ts';
import type { LoadedObject } from '../../core/object.ts';
import { boundServiceAccounts } from '../../k8s/references.ts';
import { serviceAccountNameOf } from '../../k8s/security-context.ts';
import { podSpecOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

/** Whether a RoleBinding or ClusterRoleBinding of the input names the pod's ServiceAccount as a subject. */
function boundInInput(index: ObjectIndex, workload: LoadedObject, name: string): boolean {
  const bound = boundServiceAccounts(index);
  const namespaces = new Set([workload.ref.namespace, workload.ref.namespace ?? 'default']);
  for (const namespace of namespaces)
    if (bound.has(objectKey('ServiceAccount', namespace, name))) return true;
  return false;
}

export const podServiceAccountTokenAutomounted = defineCheck({
  id: 'pod-service-account-token-automounted',
  title: 'Pod mounts a ServiceAccount API token',
  severity: 'low',
  category: 'security',
  indexes: ['bound-service-accounts'],
  description:
    'Unless turned off, every pod gets a token for its ServiceAccount mounted at ' +
    '/var/run/secrets/kubernetes.io/serviceaccount: anyone who gets code execution in any container can call the ' +
    'API with its permissions. The pod’s automountServiceAccountToken wins; when the pod leaves it unset, the ' +
    'ServiceAccount’s field decides, and unset there too means mounted. When the ServiceAccount is not in the ' +
    'reviewed files its setting is unknown, and the finding is info. A token asked for explicitly ' +
    '(automountServiceAccountToken: true on the pod or its ServiceAccount) for a ServiceAccount that a ' +
    'RoleBinding or ClusterRoleBinding in the input grants permissions to is intended, and not reported.',
  remediation:
    'Set `automountServiceAccountToken: false` on the pod spec (or on its ServiceAccount) unless the application ' +
    'calls the Kubernetes API; if it does, give it its own ServiceAccount with minimal RBAC.',
  docs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
    'https://kubernetes.io/docs/concepts/security/service-accounts/',
  ],
  appliesTo: WORKLOAD_KINDS,
  peers: { polaris: ['automountServiceAccountToken'] },
  *check(workload, { index }) {
    const { object, ref } = workload;
    const pod = podSpecOf(object);
    if (!pod) return;
    const podValue = pod.spec.automountServiceAccountToken;
    const name = serviceAccountNameOf(pod.spec);
    if (podValue === false) return;
    // Asked for explicitly, for an account the input grants permissions to: the token is meant to be used.
    const bound = boundInInput(index, workload, name);
    if (podValue === true && bound) return;
    if (podValue === true) {
      yield {
        path: [...pod.path, 'automountServiceAccountToken'],
        message: `the pod sets automountServiceAccountToken: true (ServiceAccount "${name}")`,
      };
      return;
    }
    const account =
      index.get('ServiceAccount', ref.namespace, name, workload) ??
      (ref.namespace === undefined || ref.namespace === 'default'
        ? index.get('ServiceAccount', ref.namespace === undefined ? 'default' : undefined, name, workload)
        : undefined);
    if (account) {
      const saValue = account.object.automountServiceAccountToken;
      if (saValue === false || (saValue === true && bound)) return;
      yield {
        path: pod.path,
        message: `the pod mounts the API token of ServiceAccount "${name}", which does not set automountServiceAccountToken: false`,
      };
      return;
    }
    yield {
      path: pod.path,
      severity: index.partial ? 'info' : undefined,
      message: index.partial
        ? `the pod mounts the API token of ServiceAccount "${name}" unless that ServiceAccount (not in the input) disables it`
        : `the pod mounts the API token of ServiceAccount "${name}"`,
    };
  },
});
