// https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
import { defineCheck } from '../../core/check.ts';
import { podSpecOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const podHostPid = defineCheck({
  id: 'pod-host-pid',
  title: 'Pod shares the host PID namespace',
  description:
    'With hostPID the pod sees every process on the node; with enough privileges it can read their ' +
    'environment and memory (secrets of other pods) or kill them, and nsenter into the host.',
  remediation:
    'Remove `hostPID: true`. Use `shareProcessNamespace` to share processes between containers of the pod.',
  peers: { polaris: ['hostPIDSet'], 'kube-linter': ['host-pid'] },
  severity: 'high',
  category: 'security',
  docs: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  appliesTo: WORKLOAD_KINDS,
  *check({ object }) {
    const pod = podSpecOf(object);
    if (pod?.spec.hostPID !== true) return;
    yield { path: [...pod.path, 'hostPID'], message: 'the pod sets hostPID: true' };
  },
});
