// https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
// Upstream semantics: https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_seccompProfile_baseline.go
import { defineCheck } from '../../core/check.ts';
import { activeAt, POD_SECURITY_KINDS, podSecurityIssues } from '../../k8s/pod-security/evaluate.ts';

export const pssSeccompProfileBaseline = defineCheck({
  id: 'pss-seccomp-profile-baseline',
  title: 'Seccomp profile set to Unconfined (Pod Security baseline)',
  severity: 'high',
  category: 'pod-security',
  description:
    'A seccomp profile of Unconfined removes the system-call filter that limits what a compromised container can ask of the kernel. The baseline Pod Security Standard allows only RuntimeDefault and Localhost profiles when one is set: up to v1.18 through the alpha annotations seccomp.security.alpha.kubernetes.io/pod and container.seccomp.security.alpha.kubernetes.io/<container> (runtime/default, docker/default, localhost/*), from v1.19 through securityContext.seccompProfile.type. At restricted from v1.19 pss-seccomp-profile-restricted replaces this check.',
  remediation:
    'Set securityContext.seccompProfile.type to RuntimeDefault (or Localhost with a profile present on the nodes), or remove the Unconfined setting.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/tutorials/security/seccomp/',
    'https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_seccompProfile_baseline.go',
  ],
  appliesTo: POD_SECURITY_KINDS,
  enabledByDefault: false,
  isActive: activeAt('baseline'),
  peers: { 'pod-security': ['seccompProfile_baseline'] },
  *check({ object }, { settings }) {
    yield* podSecurityIssues('seccompProfile_baseline', object, settings);
  },
});
