// https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
// Upstream semantics: https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_hostProbesAndhostLifecycle.go
import { defineCheck } from '../../core/check.ts';
import { activeAt, POD_SECURITY_KINDS, podSecurityIssues } from '../../k8s/pod-security/evaluate.ts';

export const pssHostProbesAndLifecycle = defineCheck({
  id: 'pss-host-probes-and-lifecycle',
  title: 'Probe or lifecycle handler targets another host (Pod Security baseline)',
  severity: 'high',
  category: 'pod-security',
  description:
    "A host in an httpGet or tcpSocket probe or lifecycle handler makes the kubelet connect to an arbitrary address from the node's network, which a pod author can use to reach node-local or internal services. The baseline Pod Security Standard forbids a non-empty host in liveness, readiness and startup probes and in postStart/preStop handlers from v1.34.",
  remediation:
    "Remove the host field so the kubelet probes the pod's own IP; use an HTTP Host header (httpHeaders) if a virtual host is needed.",
  docs: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
    'https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_hostProbesAndhostLifecycle.go',
  ],
  appliesTo: POD_SECURITY_KINDS,
  enabledByDefault: false,
  isActive: activeAt('baseline'),
  peers: { 'pod-security': ['hostProbesAndHostLifecycle'] },
  *check({ object }, { settings }) {
    yield* podSecurityIssues('hostProbesAndHostLifecycle', object, settings);
  },
});
