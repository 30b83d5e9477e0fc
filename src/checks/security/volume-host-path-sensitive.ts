// https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
import { defineCheck } from '../../core/check.ts';
import { hostPathVolumesOf, normaliseHostPath } from '../../k8s/security-context.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const volumeHostPathSensitive = defineCheck<{ exact: string[]; withSubpaths: string[] }>({
  id: 'volume-host-path-sensitive',
  title: 'Pod mounts a sensitive host directory',
  severity: 'high',
  category: 'security',
  description:
    'Some host directories are the node itself: / , /boot, /dev, /etc, /lib, /proc, /sys, /usr (reported when ' +
    'mounted exactly), and anything under /proc, /sys, /boot, /root, /etc/kubernetes, /var/lib/kubelet or ' +
    '/var/lib/etcd (kubelet and control-plane credentials, kernel controls). A pod mounting them can read ' +
    'cluster credentials or change the node, read-only or not. Paths are normalised (trailing or doubled slashes, ' +
    '"." and "..") before comparison.',
  remediation:
    'Do not mount these paths. Use the Kubernetes API, a projected ServiceAccount token or a narrower, read-only ' +
    'path for what the workload really needs.',
  docs: [
    'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  ],
  appliesTo: WORKLOAD_KINDS,
  params: {
    exact: ['/', '/boot', '/dev', '/etc', '/lib', '/proc', '/sys', '/usr'],
    withSubpaths: ['/proc', '/sys', '/boot', '/root', '/etc/kubernetes', '/var/lib/kubelet', '/var/lib/etcd'],
  },
  peers: { 'kube-linter': ['sensitive-host-mounts'] },
  *check({ object }, { params }) {
    const exact = new Set(params.exact.map(normaliseHostPath));
    const prefixes = params.withSubpaths.map(normaliseHostPath);
    for (const v of hostPathVolumesOf(object)) {
      const p = v.normalised;
      if (!exact.has(p) && !prefixes.some((prefix) => p === prefix || p.startsWith(`${prefix}/`))) continue;
      const who = v.mounts.map((m) => `"${m.container.name}"`);
      yield {
        path: v.pathPath,
        message: `volume "${v.name}" mounts sensitive host path "${v.hostPath}"${
          who.length > 0 ? ` into container${who.length > 1 ? 's' : ''} ${[...new Set(who)].join(', ')}` : ''
        }`,
      };
    }
  },
});
