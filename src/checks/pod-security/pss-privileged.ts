// https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
// Upstream semantics: https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_privileged.go
import { defineCheck } from '../../core/check.ts';
import { activeAt, POD_SECURITY_KINDS, podSecurityIssues } from '../../k8s/pod-security/evaluate.ts';

export const pssPrivileged = defineCheck({
  id: 'pss-privileged',
  title: 'Container runs privileged (Pod Security baseline)',
  severity: 'high',
  category: 'pod-security',
  description:
    "A privileged container has every capability and the host's devices, and most confinement (seccomp, AppArmor, SELinux, device cgroups) is off: it is root on the node. The baseline Pod Security Standard forbids securityContext.privileged=true in every container, init container and ephemeral container.",
  remediation:
    'Remove securityContext.privileged (or set it to false) and add only the specific capabilities the workload needs, within the allowed set.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    'https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_privileged.go',
  ],
  appliesTo: POD_SECURITY_KINDS,
  enabledByDefault: false,
  isActive: activeAt('baseline'),
  peers: { 'pod-security': ['privileged'] },
  *check({ object }, { settings }) {
    yield* podSecurityIssues('privileged', object, settings);
  },
});
