// https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
// Upstream semantics: https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_runAsNonRoot.go
import { defineCheck } from '../../core/check.ts';
import { activeAt, POD_SECURITY_KINDS, podSecurityIssues } from '../../k8s/pod-security/evaluate.ts';

export const pssRunAsNonRoot = defineCheck({
  id: 'pss-run-as-non-root',
  title: 'Containers are not required to run as non-root (Pod Security restricted)',
  severity: 'high',
  category: 'pod-security',
  description:
    'Without runAsNonRoot: true the kubelet starts a container whose image runs as root (UID 0), so a container escape starts with root on the node. The restricted Pod Security Standard requires runAsNonRoot: true at pod level or in every container, and no runAsNonRoot: false anywhere; from v1.35 pods in their own user namespace (hostUsers: false) are exempt.',
  remediation:
    'Set spec.securityContext.runAsNonRoot: true (or in every container) and make sure the image runs as a non-zero UID (USER in the Dockerfile, or runAsUser).',
  docs: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    'https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_runAsNonRoot.go',
  ],
  appliesTo: POD_SECURITY_KINDS,
  enabledByDefault: false,
  isActive: activeAt('restricted'),
  peers: { 'pod-security': ['runAsNonRoot'] },
  fixes: {
    suggested:
      'set runAsNonRoot: true in the pod securityContext. Only suggested: without a non-root runAsUser the ' +
      'kubelet refuses to start a container whose image runs as root.',
  },
  *check({ object }, { settings }) {
    yield* podSecurityIssues('runAsNonRoot', object, settings);
  },
});
