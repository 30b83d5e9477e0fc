// https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
import { defineCheck } from '../../core/check.ts';
import { describeContainer, hostPathVolumesOf } from '../../k8s/security-context.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const volumeHostPathWritable = defineCheck({
  id: 'volume-host-path-writable',
  title: 'Container mounts a host path writable',
  severity: 'medium',
  category: 'security',
  description:
    'A hostPath mounted without readOnly: true lets the container write to the node: plant binaries, cron jobs or ' +
    'kubelet config, or fill the node disk. Reported per volumeMount. Off by default (volume-host-path already ' +
    'reports every hostPath).',
  remediation: 'Set `readOnly: true` on the volumeMount, or replace the hostPath with an emptyDir or a PVC.',
  docs: ['https://kubernetes.io/docs/concepts/storage/volumes/#hostpath'],
  appliesTo: WORKLOAD_KINDS,
  enabledByDefault: false,
  peers: { 'kube-linter': ['writable-host-mount'] },
  *check({ object }) {
    for (const v of hostPathVolumesOf(object)) {
      for (const m of v.mounts) {
        if (m.readOnly) continue;
        yield {
          path: m.mountPath,
          message: `${describeContainer(m.container)} mounts host path "${v.hostPath}" writable`,
        };
      }
    }
  },
});
