// https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts
import { defineCheck } from '../../core/check.ts';
import { serviceAccountNameOf } from '../../k8s/security-context.ts';
import { podSpecOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const podDefaultServiceAccount = defineCheck({
  id: 'pod-default-service-account',
  title: 'Pod runs as the default ServiceAccount',
  severity: 'low',
  category: 'security',
  description:
    'A pod that names no ServiceAccount (or names "default") shares its identity with every other such pod in ' +
    'the namespace: any RoleBinding granted to "default" for one application is granted to all of them, and ' +
    'audit logs cannot tell them apart. Off by default.',
  remediation: 'Create a ServiceAccount per application and set `serviceAccountName` on the pod spec.',
  docs: ['https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts'],
  appliesTo: WORKLOAD_KINDS,
  enabledByDefault: false,
  peers: { 'kube-linter': ['default-service-account'] },
  *check({ object }) {
    const pod = podSpecOf(object);
    if (!pod || serviceAccountNameOf(pod.spec) !== 'default') return;
    const explicit = typeof pod.spec.serviceAccountName === 'string' && pod.spec.serviceAccountName !== '';
    yield {
      path: explicit ? [...pod.path, 'serviceAccountName'] : pod.path,
      message: explicit
        ? 'the pod runs as ServiceAccount "default"'
        : 'the pod sets no serviceAccountName, so it runs as ServiceAccount "default"',
    };
  },
});
