// https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
// Upstream semantics: https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_seLinuxOptions.go
import { defineCheck } from '../../core/check.ts';
import { activeAt, POD_SECURITY_KINDS, podSecurityIssues } from '../../k8s/pod-security/evaluate.ts';

export const pssSeLinuxOptions = defineCheck({
  id: 'pss-se-linux-options',
  title: 'Custom SELinux user, role or type (Pod Security baseline)',
  severity: 'high',
  category: 'pod-security',
  description:
    'A custom SELinux type (for example spc_t, an unconfined "super privileged container") or any SELinux user or role takes the container out of the confinement the runtime applies. The baseline Pod Security Standard allows only the types container_t, container_init_t and container_kvm_t (plus container_engine_t from v1.31), and no user or role.',
  remediation:
    'Remove seLinuxOptions.user and seLinuxOptions.role, and leave seLinuxOptions.type unset or set it to an allowed container type. Setting only level (MCS categories) is allowed.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container',
    'https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_seLinuxOptions.go',
  ],
  appliesTo: POD_SECURITY_KINDS,
  enabledByDefault: false,
  isActive: activeAt('baseline'),
  peers: { 'pod-security': ['seLinuxOptions'] },
  *check({ object }, { settings }) {
    yield* podSecurityIssues('seLinuxOptions', object, settings);
  },
});
