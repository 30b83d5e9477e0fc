// Usage now, from the metrics API (metrics.k8s.io NodeMetrics and PodMetrics, served by metrics-server): lists as
// the API returns them, or as kubectl get -o yaml writes them into a snapshot.
// https://github.com/kubernetes/metrics/blob/master/pkg/apis/metrics/v1beta1/types.go
import type { KubeObject } from '../core/object.ts';
import { parseQuantity } from '../k8s/quantity.ts';
import type { Usage } from './accounting.ts';
import type { Amounts } from './report.ts';

function amounts(usage: unknown, into: Amounts = {}): Amounts {
  if (usage === null || typeof usage !== 'object') return into;
  for (const [r, v] of Object.entries(usage as Record<string, unknown>)) {
    const parsed = parseQuantity(v);
    if (parsed === undefined) continue;
    into[r] = (into[r] ?? 0) + (r === 'cpu' ? Math.round(parsed * 1000) : Math.ceil(parsed));
  }
  return into;
}

/** NodeMetrics and PodMetrics items (containers summed per pod) into usage by node and by namespace/name. */
export function usageFrom(nodeMetrics: readonly KubeObject[], podMetrics: readonly KubeObject[]): Usage {
  const nodes = new Map<string, Amounts>();
  for (const m of nodeMetrics)
    if (m?.metadata?.name) nodes.set(m.metadata.name, amounts((m as { usage?: unknown }).usage));
  const pods = new Map<string, Amounts>();
  for (const m of podMetrics) {
    if (!m?.metadata?.name) continue;
    const total: Amounts = {};
    const containers = (m as { containers?: unknown }).containers;
    for (const c of Array.isArray(containers) ? containers : [])
      amounts((c as { usage?: unknown })?.usage, total);
    pods.set(`${m.metadata.namespace ?? ''}/${m.metadata.name}`, total);
  }
  return { nodes, pods };
}
