// https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
// Upstream semantics: https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_windowsHostProcess.go
import { defineCheck } from '../../core/check.ts';
import { activeAt, POD_SECURITY_KINDS, podSecurityIssues } from '../../k8s/pod-security/evaluate.ts';

export const pssWindowsHostProcess = defineCheck({
  id: 'pss-windows-host-process',
  title: 'Windows HostProcess container (Pod Security baseline)',
  severity: 'high',
  category: 'pod-security',
  description:
    'A Windows HostProcess container runs directly on the node with host-level access, the Windows equivalent of a privileged container. The baseline Pod Security Standard forbids securityContext.windowsOptions.hostProcess=true at pod and container level.',
  remediation:
    'Remove windowsOptions.hostProcess (or set it to false) from the pod and container securityContext.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/',
    'https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_windowsHostProcess.go',
  ],
  appliesTo: POD_SECURITY_KINDS,
  enabledByDefault: false,
  isActive: activeAt('baseline'),
  peers: { 'pod-security': ['windowsHostProcess'] },
  *check({ object }, { settings }) {
    yield* podSecurityIssues('windowsHostProcess', object, settings);
  },
});
