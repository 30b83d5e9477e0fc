// https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
import { defineCheck } from '../../core/check.ts';
import { hostPathVolumesOf } from '../../k8s/security-context.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';
import { isRuntimeSocketPath } from './volume-docker-socket.ts';

export const volumeHostPath = defineCheck({
  id: 'volume-host-path',
  title: 'Pod mounts a hostPath volume',
  severity: 'medium',
  category: 'security',
  description:
    "A hostPath volume gives the pod a directory or file of the node's filesystem. Writable, it lets the pod " +
    'plant files the node or other pods will use; even read-only, it can leak credentials and node data. It also ' +
    'ties the pod to what happens to be on its node. The Kubernetes docs advise against it.',
  remediation:
    'Use an emptyDir, a PersistentVolumeClaim, a ConfigMap/Secret or a projected volume instead. If the pod must ' +
    'read the node (a log or monitoring agent), mount only the narrowest path, readOnly.',
  docs: [
    'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  ],
  appliesTo: WORKLOAD_KINDS,
  peers: { polaris: ['hostPathSet'] },
  *check({ object }) {
    for (const v of hostPathVolumesOf(object)) {
      // A sensitive path or the runtime socket is the root cause, reported by its own check (linked when it is).
      const root = isRuntimeSocketPath(v.normalised) ? 'volume-docker-socket' : 'volume-host-path-sensitive';
      yield {
        path: v.pathPath,
        message: `volume "${v.name}" mounts host path "${v.hostPath}"`,
        relatedTo: { check: root, path: v.pathPath },
      };
    }
  },
});
