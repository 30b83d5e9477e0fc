// https://kubernetes.io/docs/concepts/overview/components/
// https://kubernetes.io/docs/tasks/administer-cluster/dns-debugging-resolution/
import { defineCheck } from '../../core/check.ts';
import type { ObjectIndex } from '../../core/index.ts';
import type { KubeObject, LoadedObject } from '../../core/object.ts';
import { kubectl } from '../../diagnose/pod-context.ts';
import { condition, containerStatuses, isFinished, isTerminating, podStatus } from '../../k8s/pod-status.ts';

const SYSTEM_NAMESPACE = 'kube-system';
const GRACE_MS = 2 * 60_000;

/** Control plane static pods carry component=<name>; CoreDNS keeps the k8s-app=kube-dns label of kube-dns. */
const CONTROL_PLANE = new Set(['kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler']);

export interface SystemComponent {
  /** Stable name for grouping: "coredns", "kube-apiserver", "kube-proxy", … */
  name: string;
  title: string;
  critical: boolean;
}

export function systemComponent(pod: KubeObject): SystemComponent | undefined {
  const labels = pod.metadata.labels ?? {};
  const app = labels['k8s-app'];
  if (app === 'kube-dns' || app === 'coredns')
    return { name: 'coredns', title: 'cluster DNS (CoreDNS)', critical: true };
  const component = labels.component;
  if (typeof component === 'string' && CONTROL_PLANE.has(component))
    return { name: component, title: component, critical: true };
  const owner = pod.metadata.ownerReferences?.find((o) => o?.controller) ?? pod.metadata.ownerReferences?.[0];
  const name =
    (typeof app === 'string' && app) ||
    labels['app.kubernetes.io/name'] ||
    labels.app ||
    owner?.name ||
    pod.metadata.name ||
    'unknown';
  return { name: String(name), title: String(name), critical: false };
}

function isReady(pod: KubeObject): boolean {
  return condition(pod, 'Ready')?.status === 'True';
}

/** Known not ready: Ready=False, or not scheduled at all. A pod without conditions is not judged. */
function isNotReady(pod: KubeObject): boolean {
  return condition(pod, 'Ready')?.status === 'False' || condition(pod, 'PodScheduled')?.status === 'False';
}

/** Ready and total pods per system component, built once per run. */
function componentCounts(index: ObjectIndex): Map<string, { ready: number; total: number }> {
  return index.memo('system-component-counts', (idx) => {
    const counts = new Map<string, { ready: number; total: number }>();
    for (const pod of idx.ofKind('Pod')) {
      if (pod.ref.namespace !== SYSTEM_NAMESPACE || isFinished(pod.object) || isTerminating(pod.object))
        continue;
      const c = systemComponent(pod.object);
      if (!c) continue;
      const ready = isReady(pod.object);
      if (!ready && !isNotReady(pod.object)) continue;
      const entry = counts.get(c.name) ?? { ready: 0, total: 0 };
      entry.total++;
      if (ready) entry.ready++;
      counts.set(c.name, entry);
    }
    return counts;
  });
}

function whyNotReady(pod: LoadedObject): string {
  for (const at of containerStatuses(pod.object)) {
    const waiting = at.status.state?.waiting?.reason;
    if (waiting) return `container "${at.status.name}" ${waiting}`;
    if (at.status.ready === false && at.status.state?.running)
      return `container "${at.status.name}" running but not ready`;
  }
  const status = podStatus(pod.object);
  const scheduled = condition(pod.object, 'PodScheduled');
  if (scheduled?.status === 'False') return `not scheduled (${scheduled.reason ?? ''})`;
  const ready = condition(pod.object, 'Ready');
  return `phase ${status.phase ?? 'unknown'}${ready?.reason ? `, ${ready.reason}` : ''}`;
}

export const systemPodNotReady = defineCheck({
  id: 'system-pod-not-ready',
  title: 'Cluster DNS, control plane or another kube-system pod is not ready',
  severity: 'critical',
  category: 'reliability',
  description:
    'Pods in kube-system serve the whole cluster. When CoreDNS is down every name lookup from every pod fails; ' +
    'when kube-apiserver, etcd, the controller manager or the scheduler is unhealthy, nothing new is scheduled, ' +
    'scaled or healed. Node agents there (kube-proxy, the CNI and CSI plugins) break networking or storage on ' +
    'their node. Such a failure explains many symptoms elsewhere, so it comes first.',
  remediation:
    'Describe the pod and read its logs (kubectl -n kube-system logs <pod> --previous). For CoreDNS check its ' +
    'ConfigMap (Corefile) and that it can reach the API server; for static control plane pods look at the manifest ' +
    'in /etc/kubernetes/manifests and the kubelet log on that node; in managed clusters open a case with the provider.',
  docs: [
    'https://kubernetes.io/docs/concepts/overview/components/',
    'https://kubernetes.io/docs/tasks/administer-cluster/dns-debugging-resolution/',
  ],
  appliesTo: ['Pod'],
  peers: {},
  *check(pod, { index, settings }) {
    if (pod.ref.namespace !== SYSTEM_NAMESPACE) return;
    if (isFinished(pod.object) || isTerminating(pod.object) || !isNotReady(pod.object)) return;
    const created = Date.parse(pod.object.metadata.creationTimestamp ?? '');
    if (!Number.isNaN(created) && settings.now.getTime() - created < GRACE_MS) return;
    const component = systemComponent(pod.object);
    if (!component) return;
    const counts = componentCounts(index).get(component.name) ?? { ready: 0, total: 1 };
    const none = counts.ready === 0;
    const severity = component.critical ? (none ? 'critical' : 'high') : none ? 'high' : 'medium';
    yield {
      path: ['status', 'conditions'],
      message: `${component.title} pod "${pod.ref.name}" is not ready: ${whyNotReady(pod)} (${counts.ready}/${counts.total} ready)`,
      severity,
      cause: {
        key: `system/${component.name}`,
        summary:
          component.name === 'coredns' && none
            ? `cluster DNS (CoreDNS) has no ready pod (0/${counts.total}): name resolution fails for every pod`
            : `${component.title} in kube-system has ${counts.ready}/${counts.total} pods ready`,
        workload: `kube-system ${component.name}`,
        pods: 1,
        nextSteps: [
          kubectl(SYSTEM_NAMESPACE, `describe pod ${pod.ref.name}`),
          kubectl(SYSTEM_NAMESPACE, `logs ${pod.ref.name} --all-containers --tail=50`),
        ],
      },
    };
  },
});
