// https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
import { defineCheck } from '../../core/check.ts';
import { podSpecOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const podHostIpc = defineCheck({
  id: 'pod-host-ipc',
  title: 'Pod shares the host IPC namespace',
  description:
    "With hostIPC the pod shares the node's System V IPC and POSIX message queues and /dev/shm: it can read or " +
    'tamper with shared memory of every other process on the node that uses them.',
  remediation:
    'Remove `hostIPC: true`; share memory between containers of one pod with an emptyDir (medium: Memory).',
  peers: { polaris: ['hostIPCSet'], 'kube-linter': ['host-ipc'] },
  severity: 'high',
  category: 'security',
  docs: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  appliesTo: WORKLOAD_KINDS,
  *check({ object }) {
    const pod = podSpecOf(object);
    if (pod?.spec.hostIPC !== true) return;
    yield { path: [...pod.path, 'hostIPC'], message: 'the pod sets hostIPC: true' };
  },
});
