// https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
// Upstream semantics: https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_allowPrivilegeEscalation.go
import { defineCheck } from '../../core/check.ts';
import { activeAt, POD_SECURITY_KINDS, podSecurityIssues } from '../../k8s/pod-security/evaluate.ts';

export const pssPrivilegeEscalation = defineCheck({
  id: 'pss-privilege-escalation',
  title: 'Container may escalate privileges (Pod Security restricted)',
  severity: 'high',
  category: 'pod-security',
  description:
    'Unless allowPrivilegeEscalation is false, a process can gain more privileges than its parent (setuid binaries, file capabilities), since no_new_privs is not set. The restricted Pod Security Standard requires allowPrivilegeEscalation: false in every container from v1.8; from v1.25 Windows pods (spec.os.name: windows) are exempt.',
  remediation:
    'Set securityContext.allowPrivilegeEscalation: false in every container, init container and ephemeral container.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    'https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_allowPrivilegeEscalation.go',
  ],
  appliesTo: POD_SECURITY_KINDS,
  enabledByDefault: false,
  isActive: activeAt('restricted'),
  peers: { 'pod-security': ['allowPrivilegeEscalation'] },
  fixes: {
    safe:
      'set allowPrivilegeEscalation: false where it is unset, on containers that are neither privileged nor add ' +
      'SYS_ADMIN (the API server rejects false there).',
  },
  *check({ object }, { settings }) {
    yield* podSecurityIssues('allowPrivilegeEscalation', object, settings);
  },
});
