// https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
// Upstream semantics: https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_hostNamespaces.go
import { defineCheck } from '../../core/check.ts';
import { activeAt, POD_SECURITY_KINDS, podSecurityIssues } from '../../k8s/pod-security/evaluate.ts';

export const pssHostNamespaces = defineCheck({
  id: 'pss-host-namespaces',
  title: 'Pod shares a host namespace (Pod Security baseline)',
  severity: 'high',
  category: 'pod-security',
  description:
    "Sharing the host network, PID or IPC namespace (hostNetwork, hostPID, hostIPC) lets the pod see and reach the node's processes, interfaces and shared memory, which breaks the isolation between pods and the node. The baseline Pod Security Standard forbids it at every version.",
  remediation:
    'Remove hostNetwork, hostPID and hostIPC (or set them to false). Expose ports through a Service instead of the host network.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/concepts/security/pod-security-admission/',
    'https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_hostNamespaces.go',
  ],
  appliesTo: POD_SECURITY_KINDS,
  enabledByDefault: false,
  isActive: activeAt('baseline'),
  peers: { 'pod-security': ['hostNamespaces'] },
  *check({ object }, { settings }) {
    yield* podSecurityIssues('hostNamespaces', object, settings);
  },
});
