// https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
// Upstream semantics: https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_restrictedVolumes.go
import { defineCheck } from '../../core/check.ts';
import { activeAt, POD_SECURITY_KINDS, podSecurityIssues } from '../../k8s/pod-security/evaluate.ts';

export const pssVolumeTypes = defineCheck({
  id: 'pss-volume-types',
  title: 'Pod uses a volume type outside the restricted list (Pod Security restricted)',
  severity: 'high',
  category: 'pod-security',
  description:
    'The restricted Pod Security Standard allows only the volume types that do not reach node or network storage directly: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret. Every other inline source (hostPath, nfs, iscsi, gitRepo, cephfs, rbd, cloud disks, …) is forbidden; storage administrators provide those through PersistentVolumes instead. This check replaces pss-host-path-volumes at restricted.',
  remediation:
    'Replace the inline volume with a PersistentVolumeClaim bound to a PersistentVolume (or a CSI volume); use configMap, secret, projected or emptyDir for configuration and scratch space.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    'https://kubernetes.io/docs/concepts/storage/volumes/',
    'https://github.com/kubernetes/pod-security-admission/blob/master/policy/check_restrictedVolumes.go',
  ],
  appliesTo: POD_SECURITY_KINDS,
  enabledByDefault: false,
  isActive: activeAt('restricted'),
  peers: { 'pod-security': ['restrictedVolumes'] },
  *check({ object }, { settings }) {
    yield* podSecurityIssues('restrictedVolumes', object, settings);
  },
});
