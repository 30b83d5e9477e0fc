// Stranded capacity: free CPU on nodes whose memory (or pod slots) ran out, and the other way round — room that no
// pod of a typical shape can use. Measured against the headroom shape when one is given, else against the average
// effective request of the pods running now (said in the report).
import type { ObjectIndex } from '../core/index.ts';
import { copiesThatFit, nodeCapacity, nodeVerdict, podRequests, showQuantity } from '../k8s/scheduling.ts';
import type { PodSpec } from '../k8s/workloads.ts';
import { hasAllocatable, isTerminal, nodeNameOf } from './accounting.ts';
import { nextPodReason } from './headroom.ts';
import type { Amounts, Stranded } from './report.ts';

const MEASURED = ['cpu', 'memory'];

/** The average effective cpu and memory request of the bound, running pods; undefined when there are none. */
export function averagePod(index: ObjectIndex): Map<string, number> | undefined {
  const sum = new Map<string, number>();
  let count = 0;
  for (const pod of index.ofKind('Pod')) {
    if (!nodeNameOf(pod) || isTerminal(pod)) continue;
    const requests = podRequests((pod.object.spec ?? {}) as PodSpec);
    count++;
    for (const r of MEASURED) sum.set(r, (sum.get(r) ?? 0) + (requests.get(r) ?? 0));
  }
  if (count === 0) return undefined;
  const average = new Map<string, number>();
  for (const r of MEASURED) {
    const value = Math.round((sum.get(r) ?? 0) / count);
    if (value > 0) average.set(r, value);
  }
  return average.size > 0 ? average : undefined;
}

export function shapeLabel(requests: ReadonlyMap<string, number>): string {
  return [...requests].map(([r, v]) => `${r}=${showQuantity(r, v)}`).join(',');
}

/**
 * Per node the shape may use (not cordoned, taints tolerated, selectors matched): after as many pods of the shape as fit, the free cpu and memory left over while another
 * resource (or the pod slots) is exhausted.
 */
export function stranded(
  index: ObjectIndex,
  requests: ReadonlyMap<string, number>,
  label: string,
  spec: PodSpec = {},
): Stranded {
  const total: Amounts = {};
  const nodes: Stranded['nodes'] = [];
  for (const node of index.ofKind('Node')) {
    if (!hasAllocatable(node)) continue;
    // Only nodes such a pod may use at all: room behind a cordon, an untolerated taint or a selector is reserved,
    // not stranded.
    const verdict = nodeVerdict(index, spec, node, new Map(requests), []);
    if (
      verdict.blockers.some(
        (b) => !['NodeResourcesFit', 'PodTopologySpread', 'InterPodAffinity'].includes(b.filter),
      )
    )
      continue;
    const fit = copiesThatFit(index, node, requests, false);
    const { allocatable, requested } = nodeCapacity(index, node);
    const limitedBy = nextPodReason(index, node, requests, fit);
    const left: Amounts = {};
    for (const r of MEASURED) {
      const per = requests.get(r) ?? 0;
      // The resource that ran out is not stranded; what is left of the others is, once it would hold a pod's worth.
      if (per <= 0 || limitedBy.includes(`Insufficient ${r}`)) continue;
      const free = (allocatable.get(r) ?? 0) - (requested.get(r) ?? 0) - fit * per;
      if (free >= per) left[r] = free;
    }
    if (Object.keys(left).length === 0) continue;
    nodes.push({ node: node.ref.name, limitedBy, stranded: left });
    for (const [r, v] of Object.entries(left)) total[r] = (total[r] ?? 0) + v;
  }
  nodes.sort((a, b) => (b.stranded.cpu ?? 0) - (a.stranded.cpu ?? 0) || a.node.localeCompare(b.node));
  return { shape: label, requests: Object.fromEntries(requests), total, nodes };
}
