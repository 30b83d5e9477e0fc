// https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
// Upstream semantics: https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_runAsUser.go
import { defineCheck } from '../../core/check.ts';
import { activeAt, POD_SECURITY_KINDS, podSecurityIssues } from '../../k8s/pod-security/evaluate.ts';

export const pssRunAsUser = defineCheck({
  id: 'pss-run-as-user',
  title: 'Container runs as UID 0 (Pod Security restricted)',
  severity: 'high',
  category: 'pod-security',
  description:
    'runAsUser: 0 runs the container as root. The restricted Pod Security Standard forbids runAsUser: 0 at pod and container level from v1.23; from v1.35 pods in their own user namespace (hostUsers: false) are exempt.',
  remediation:
    "Set runAsUser to a non-zero UID, or remove it and rely on the image's non-root USER with runAsNonRoot: true.",
  docs: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    'https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_runAsUser.go',
  ],
  appliesTo: POD_SECURITY_KINDS,
  enabledByDefault: false,
  isActive: activeAt('restricted'),
  peers: { 'pod-security': ['runAsUser'] },
  *check({ object }, { settings }) {
    yield* podSecurityIssues('runAsUser', object, settings);
  },
});
