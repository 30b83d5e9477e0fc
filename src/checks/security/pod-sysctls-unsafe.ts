// https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/#safe-and-unsafe-sysctls
import { defineCheck } from '../../core/check.ts';
import { asDict } from '../../k8s/security-context.ts';
import { podSpecOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

/** The kubelet's safe set (namespaced, isolated between pods), as of Kubernetes 1.32. */
export const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
];

export const podSysctlsUnsafe = defineCheck<{ allowed: string[] }>({
  id: 'pod-sysctls-unsafe',
  title: 'Pod sets an unsafe sysctl',
  severity: 'medium',
  category: 'security',
  description:
    'Only a small set of sysctls is "safe": namespaced and isolated so one pod cannot affect others. Any other ' +
    'sysctl can change kernel behaviour for the whole node (or starve it), is rejected by the kubelet unless the ' +
    'node allows it with --allowed-unsafe-sysctls (the pod then fails with SysctlForbidden), and is forbidden by ' +
    'the baseline Pod Security Standard. Names may use "/" or "." as separator; both are compared as ".". The ' +
    'allowed parameter adds names the cluster deliberately permits.',
  remediation:
    'Remove the sysctl from `spec.securityContext.sysctls`, or move the workload to a dedicated node pool whose ' +
    'kubelet allows it and list it in this check’s `allowed` parameter.',
  docs: [
    'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/#safe-and-unsafe-sysctls',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  ],
  appliesTo: WORKLOAD_KINDS,
  params: { allowed: [] },
  peers: { 'kube-linter': ['unsafe-sysctls'] },
  *check({ object }, { params }) {
    const pod = podSpecOf(object);
    const sysctls = asDict(pod?.spec.securityContext)?.sysctls;
    if (!pod || !Array.isArray(sysctls)) return;
    const safe = new Set([...SAFE_SYSCTLS, ...params.allowed].map((n) => n.replaceAll('/', '.')));
    for (const [i, entry] of sysctls.entries()) {
      const name = asDict(entry)?.name;
      if (typeof name !== 'string' || name === '') continue;
      if (safe.has(name.replaceAll('/', '.'))) continue;
      yield {
        path: [...pod.path, 'securityContext', 'sysctls', i, 'name'],
        message: `the pod sets unsafe sysctl "${name}"`,
      };
    }
  },
});
