// https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
// Upstream semantics: https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_capabilities_restricted.go
import { defineCheck } from '../../core/check.ts';
import { activeAt, POD_SECURITY_KINDS, podSecurityIssues } from '../../k8s/pod-security/evaluate.ts';

export const pssCapabilitiesRestricted = defineCheck({
  id: 'pss-capabilities-restricted',
  title: 'Container does not drop ALL capabilities (Pod Security restricted)',
  severity: 'high',
  category: 'pod-security',
  description:
    'The restricted Pod Security Standard requires every container to drop ALL capabilities and add back at most NET_BIND_SERVICE, from v1.22 (it replaces pss-capabilities-baseline there); from v1.25 Windows pods (spec.os.name: windows) are exempt.',
  remediation:
    'Set securityContext.capabilities.drop: ["ALL"] in every container and remove every added capability except NET_BIND_SERVICE.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
    'https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_capabilities_restricted.go',
  ],
  appliesTo: POD_SECURITY_KINDS,
  enabledByDefault: false,
  isActive: activeAt('restricted'),
  peers: { 'pod-security': ['capabilities_restricted'] },
  fixes: {
    suggested:
      'add ALL to capabilities.drop. Only suggested: a process running as root may need a default capability ' +
      '(CHOWN, SETUID, NET_BIND_SERVICE, …).',
  },
  *check({ object }, { settings }) {
    yield* podSecurityIssues('capabilities_restricted', object, settings);
  },
});
