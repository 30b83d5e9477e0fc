// https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
// Upstream semantics: https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_procMount_baseline.go
import { defineCheck } from '../../core/check.ts';
import { activeAt, POD_SECURITY_KINDS, podSecurityIssues } from '../../k8s/pod-security/evaluate.ts';

export const pssProcMount = defineCheck({
  id: 'pss-proc-mount',
  title: 'Container unmasks /proc (Pod Security baseline)',
  severity: 'high',
  category: 'pod-security',
  description:
    "procMount: Unmasked turns off the runtime's masking of sensitive /proc paths, exposing kernel interfaces to the container. The baseline Pod Security Standard requires the Default proc mount; from v1.35 it allows any value in a pod with its own user namespace (hostUsers: false). At restricted from v1.35 pss-proc-mount-restricted replaces this check.",
  remediation: 'Remove securityContext.procMount or set it to Default.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/',
    'https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_procMount_baseline.go',
  ],
  appliesTo: POD_SECURITY_KINDS,
  enabledByDefault: false,
  isActive: activeAt('baseline'),
  peers: { 'pod-security': ['procMount'] },
  *check({ object }, { settings }) {
    yield* podSecurityIssues('procMount', object, settings);
  },
});
