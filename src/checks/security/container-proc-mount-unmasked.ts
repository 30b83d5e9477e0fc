// https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
import { defineCheck } from '../../core/check.ts';
import { describeContainer, isWindowsPod, securedContainersOf } from '../../k8s/security-context.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const containerProcMountUnmasked = defineCheck({
  id: 'container-proc-mount-unmasked',
  title: 'Container unmasks /proc',
  severity: 'high',
  category: 'security',
  description:
    'By default the runtime masks and makes read-only sensitive /proc paths (/proc/kcore, /proc/sys, ' +
    '/proc/sysrq-trigger…). procMount: Unmasked removes that protection, exposing host kernel information and ' +
    'controls; it is meant only for nested containers in user-namespaced pods. Any value other than Default is ' +
    'reported (Default and Unmasked are the only valid values); it is a container-level field.',
  remediation: 'Remove `securityContext.procMount` or set it to `Default`.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context-1',
  ],
  appliesTo: WORKLOAD_KINDS,
  peers: { polaris: ['procMount'], 'kube-linter': ['unsafe-proc-mount'] },
  *check({ object }) {
    for (const c of securedContainersOf(object)) {
      if (isWindowsPod(c.pod)) continue;
      const value = c.context?.procMount;
      if (value === undefined || value === null || value === 'Default') continue;
      yield {
        path: [...c.contextPath, 'procMount'],
        message: `${describeContainer(c)} sets procMount: ${String(value)}`,
      };
    }
  },
});
