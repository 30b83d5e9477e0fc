// https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
// Upstream semantics: https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_hostPorts.go
import { defineCheck } from '../../core/check.ts';
import { activeAt, POD_SECURITY_KINDS, podSecurityIssues } from '../../k8s/pod-security/evaluate.ts';

export const pssHostPorts = defineCheck({
  id: 'pss-host-ports',
  title: 'Container binds a host port (Pod Security baseline)',
  severity: 'high',
  category: 'pod-security',
  description:
    "A hostPort binds the port on the node's own interfaces, bypassing NetworkPolicy-style isolation and limiting where the pod can schedule. The baseline Pod Security Standard forbids any non-zero hostPort.",
  remediation:
    'Remove ports[].hostPort and expose the container through a Service (ClusterIP, NodePort or LoadBalancer) or an Ingress.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/concepts/configuration/overview/#services',
    'https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_hostPorts.go',
  ],
  appliesTo: POD_SECURITY_KINDS,
  enabledByDefault: false,
  isActive: activeAt('baseline'),
  peers: { 'pod-security': ['hostPorts'] },
  *check({ object }, { settings }) {
    yield* podSecurityIssues('hostPorts', object, settings);
  },
});
