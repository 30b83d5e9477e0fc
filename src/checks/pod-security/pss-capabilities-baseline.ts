// https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
// Upstream semantics: https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_capabilities_baseline.go
import { defineCheck } from '../../core/check.ts';
import { activeAt, POD_SECURITY_KINDS, podSecurityIssues } from '../../k8s/pod-security/evaluate.ts';

export const pssCapabilitiesBaseline = defineCheck({
  id: 'pss-capabilities-baseline',
  title: 'Container adds a capability beyond the default set (Pod Security baseline)',
  severity: 'high',
  category: 'pod-security',
  description:
    "Capabilities beyond the container runtime's default set (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT), such as SYS_ADMIN, NET_ADMIN or NET_RAW, give a container powers over the node or its network. The baseline Pod Security Standard forbids adding them. At restricted from v1.22 the stricter pss-capabilities-restricted replaces this check.",
  remediation:
    'Remove the capability from securityContext.capabilities.add, or keep only capabilities from the default set.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
    'https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_capabilities_baseline.go',
  ],
  appliesTo: POD_SECURITY_KINDS,
  enabledByDefault: false,
  isActive: activeAt('baseline'),
  peers: { 'pod-security': ['capabilities_baseline'] },
  *check({ object }, { settings }) {
    yield* podSecurityIssues('capabilities_baseline', object, settings);
  },
});
