// https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
// Upstream semantics: https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_sysctls.go
import { defineCheck } from '../../core/check.ts';
import { activeAt, POD_SECURITY_KINDS, podSecurityIssues } from '../../k8s/pod-security/evaluate.ts';

export const pssSysctls = defineCheck({
  id: 'pss-sysctls',
  title: 'Pod sets an unsafe sysctl (Pod Security baseline)',
  severity: 'high',
  category: 'pod-security',
  description:
    'Sysctls outside the safe, namespaced set can disable security mechanisms or affect every pod on the node. The baseline Pod Security Standard allows only the safe set of the policy version: kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_unprivileged_port_start; plus net.ipv4.ip_local_reserved_ports from v1.27; net.ipv4.tcp_keepalive_time, tcp_fin_timeout, tcp_keepalive_intvl and tcp_keepalive_probes from v1.29; net.ipv4.tcp_rmem and tcp_wmem from v1.32; net.ipv4.tcp_slow_start_after_idle and tcp_notsent_lowat from v1.37.',
  remediation:
    'Remove the sysctl from spec.securityContext.sysctls, or configure it on the nodes (kubelet --allowed-unsafe-sysctls with a dedicated node pool) and run the pod under a less strict policy there.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
    'https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_sysctls.go',
  ],
  appliesTo: POD_SECURITY_KINDS,
  enabledByDefault: false,
  isActive: activeAt('baseline'),
  peers: { 'pod-security': ['sysctls'] },
  *check({ object }, { settings }) {
    yield* podSecurityIssues('sysctls', object, settings);
  },
});
