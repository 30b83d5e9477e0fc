// https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
// Upstream semantics: https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_hostPathVolumes.go
import { defineCheck } from '../../core/check.ts';
import { activeAt, POD_SECURITY_KINDS, podSecurityIssues } from '../../k8s/pod-security/evaluate.ts';

export const pssHostPathVolumes = defineCheck({
  id: 'pss-host-path-volumes',
  title: 'Pod mounts a hostPath volume (Pod Security baseline)',
  severity: 'high',
  category: 'pod-security',
  description:
    'A hostPath volume exposes a directory of the node to the pod; a writable or sensitive path (/, /etc, /var/run/docker.sock, /proc) is a direct route to node compromise. The baseline Pod Security Standard forbids hostPath volumes. At restricted, pss-volume-types replaces this check (it forbids hostPath and every other non-allowed volume type).',
  remediation:
    'Use a PersistentVolumeClaim, emptyDir, configMap, secret, projected or CSI volume instead of hostPath.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    'https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_hostPathVolumes.go',
  ],
  appliesTo: POD_SECURITY_KINDS,
  enabledByDefault: false,
  isActive: activeAt('baseline'),
  peers: { 'pod-security': ['hostPathVolumes'] },
  *check({ object }, { settings }) {
    yield* podSecurityIssues('hostPathVolumes', object, settings);
  },
});
