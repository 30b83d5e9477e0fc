// https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
// Upstream semantics: https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_procMount_restricted.go
import { defineCheck } from '../../core/check.ts';
import { activeAt, POD_SECURITY_KINDS, podSecurityIssues } from '../../k8s/pod-security/evaluate.ts';

export const pssProcMountRestricted = defineCheck({
  id: 'pss-proc-mount-restricted',
  title: 'Container unmasks /proc (Pod Security restricted)',
  severity: 'high',
  category: 'pod-security',
  description:
    'From v1.35 the baseline policy allows procMount: Unmasked in pods with their own user namespace; the restricted policy keeps requiring the Default proc mount for every pod (it replaces pss-proc-mount at restricted from v1.35).',
  remediation: 'Remove securityContext.procMount or set it to Default.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    'https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/',
    'https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_procMount_restricted.go',
  ],
  appliesTo: POD_SECURITY_KINDS,
  enabledByDefault: false,
  isActive: activeAt('restricted'),
  peers: { 'pod-security': ['procMount_restricted'] },
  *check({ object }, { settings }) {
    yield* podSecurityIssues('procMount_restricted', object, settings);
  },
});
