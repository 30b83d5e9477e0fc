// https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
import { defineCheck } from '../../core/check.ts';
import { hostPathVolumesOf } from '../../k8s/security-context.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';

const SOCKET = /\/(docker|containerd|crio|cri-dockerd|podman|dockershim)\.sock$/;
/** True for the runtime socket or the runtime's run directory (a normalised host path). */
export function isRuntimeSocketPath(p: string): boolean {
  return SOCKET.test(p) || SOCKET_DIRS.some((d) => p === d || p.startsWith(`${d}/`));
}
const SOCKET_DIRS = [
  '/var/run/docker',
  '/run/docker',
  '/var/run/containerd',
  '/run/containerd',
  '/var/run/crio',
  '/run/crio',
];

export const volumeDockerSocket = defineCheck({
  id: 'volume-docker-socket',
  title: 'Pod mounts the container runtime socket',
  severity: 'critical',
  category: 'security',
  description:
    'Whoever can talk to the container runtime socket (docker.sock, containerd.sock, crio.sock, …) can start a ' +
    'privileged container with the host filesystem mounted: it is root on the node, and sees every other ' +
    "pod's containers. Mounting the socket, or the runtime's run directory that holds it, hands that to the pod. " +
    'Mounting "/var/run" or "/run" whole also exposes it; those are reported by volume-host-path.',
  remediation:
    'Do not mount the runtime socket. Build images with a daemonless builder (BuildKit rootless, kaniko, buildah) ' +
    'and read container metadata through the Kubernetes API.',
  docs: [
    'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  ],
  appliesTo: WORKLOAD_KINDS,
  peers: { 'kube-linter': ['docker-sock'] },
  *check({ object }) {
    for (const v of hostPathVolumesOf(object)) {
      if (!isRuntimeSocketPath(v.normalised)) continue;
      yield {
        path: v.pathPath,
        message: `volume "${v.name}" mounts the container runtime socket "${v.hostPath}"`,
      };
    }
  },
});
