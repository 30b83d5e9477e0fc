// https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
// Upstream semantics: https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_seccompProfile_restricted.go
import { defineCheck } from '../../core/check.ts';
import { activeAt, POD_SECURITY_KINDS, podSecurityIssues } from '../../k8s/pod-security/evaluate.ts';

export const pssSeccompProfileRestricted = defineCheck({
  id: 'pss-seccomp-profile-restricted',
  title: 'Seccomp profile not set to RuntimeDefault or Localhost (Pod Security restricted)',
  severity: 'high',
  category: 'pod-security',
  description:
    'Without a seccomp profile a container can call every system call the kernel offers. The restricted Pod Security Standard requires securityContext.seccompProfile.type RuntimeDefault or Localhost at pod level or in every container from v1.19 (it replaces pss-seccomp-profile-baseline there); from v1.25 Windows pods (spec.os.name: windows) are exempt.',
  remediation:
    'Set spec.securityContext.seccompProfile.type: RuntimeDefault (or Localhost with a profile present on the nodes) and remove any Unconfined profile.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    'https://kubernetes.io/docs/tutorials/security/seccomp/',
    'https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_seccompProfile_restricted.go',
  ],
  appliesTo: POD_SECURITY_KINDS,
  enabledByDefault: false,
  isActive: activeAt('restricted'),
  peers: { 'pod-security': ['seccompProfile_restricted'] },
  fixes: {
    suggested:
      "set seccompProfile type RuntimeDefault in the pod securityContext. Only suggested: the runtime's profile " +
      'blocks syscalls some programs rely on.',
  },
  *check({ object }, { settings }) {
    yield* podSecurityIssues('seccompProfile_restricted', object, settings);
  },
});
