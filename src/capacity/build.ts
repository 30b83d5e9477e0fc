// The capacity report from one object set: accounting, quotas, headroom, stranded capacity, and what in the input
// could not be used (nodes without allocatable, quantities that do not parse), said once per object.
import type { ObjectIndex } from '../core/index.ts';
import type { LoadedObject } from '../core/object.ts';
import { isValidQuantity } from '../k8s/quantity.ts';
import { podRequests } from '../k8s/scheduling.ts';
import { containersOf, type PodSpec } from '../k8s/workloads.ts';
import { account, hasAllocatable, poolLabelOf, type Usage } from './accounting.ts';
import { headroom } from './headroom.ts';
import type { PodShape } from './pod-size.ts';
import { quotaFit, quotaRows } from './quota.ts';
import type { CapacityProblem, CapacityReport } from './report.ts';
import { averagePod, shapeLabel, stranded } from './stranded.ts';

export interface CapacityOptions {
  poolLabel?: string;
  teamLabel: string;
  shape?: PodShape;
  usage?: Usage;
  /** Why there is no usage (metrics API not served, forbidden, a snapshot without metrics). */
  usageReason?: string;
}

export type CapacityBody = Omit<CapacityReport, 'tool' | 'command' | 'source'>;

export function buildCapacity(index: ObjectIndex, options: CapacityOptions): CapacityBody {
  const nodes = index.ofKind('Node');
  const poolLabel = poolLabelOf(nodes, options.poolLabel);
  const accounting = account(index, {
    poolLabel,
    teamLabel: options.teamLabel,
    ...(options.usage ? { usage: options.usage } : {}),
  });
  const body: CapacityBody = {
    resources: resourceNames(accounting.cluster.allocatable ?? {}, accounting.cluster.requested),
    usage: options.usage
      ? { available: true }
      : { available: false, reason: options.usageReason ?? 'not read' },
    cluster: accounting.cluster,
    nodes: accounting.nodes,
    pools: accounting.pools,
    poolLabel,
    namespaces: accounting.namespaces,
    teams: accounting.teams,
    teamLabel: options.teamLabel,
    quotas: quotaRows(index),
    problems: inputProblems(index),
  };
  if (options.shape) {
    const room = headroom(index, options.shape, poolLabel);
    const quota = quotaFit(index, options.shape);
    body.headroom = { ...room, ...(quota ? { quota } : {}) };
  }
  const reference = options.shape ? podRequests(options.shape.spec) : averagePod(index);
  if (reference && reference.size > 0 && nodes.length > 0)
    body.stranded = stranded(
      index,
      reference,
      options.shape ? options.shape.label : `average running pod (${shapeLabel(reference)})`,
      options.shape?.spec,
    );
  return body;
}

/** cpu, memory, then the rest as found (pods last), each once. */
function resourceNames(...groups: Record<string, number>[]): string[] {
  const names = new Set<string>(['cpu', 'memory']);
  for (const g of groups) for (const name of Object.keys(g).sort()) if (name !== 'pods') names.add(name);
  return [...names, 'pods'];
}

/** Input the accounting had to read around: each is said, the rest of the report stands. */
function inputProblems(index: ObjectIndex): CapacityProblem[] {
  const problems: CapacityProblem[] = [];
  for (const node of index.ofKind('Node'))
    if (!hasAllocatable(node))
      problems.push({
        level: 'error',
        object: `Node/${node.ref.name}`,
        message: `node ${node.ref.name} has no status.allocatable: its capacity is unknown, so it is left out of the totals and takes no pods in the headroom`,
      });
  for (const pod of index.ofKind('Pod')) for (const p of quantityProblems(pod)) problems.push(p);
  return problems;
}

/** Requests, limits and overhead that are not Kubernetes quantities (a hand-edited snapshot): counted as 0. */
function quantityProblems(pod: LoadedObject): CapacityProblem[] {
  const out: CapacityProblem[] = [];
  const where = `Pod/${pod.ref.namespace}/${pod.ref.name}`;
  for (const { container, kind } of containersOf(pod.object, ['containers', 'initContainers'])) {
    for (const section of ['requests', 'limits'] as const) {
      const map = (container.resources as Record<string, unknown> | undefined)?.[section];
      if (map === null || typeof map !== 'object') continue;
      for (const [name, value] of Object.entries(map))
        if (!isValidQuantity(value))
          out.push({
            level: 'error',
            object: where,
            message: `pod ${pod.ref.namespace}/${pod.ref.name}: ${kind === 'initContainers' ? 'init container' : 'container'} ${String(container.name)} ${section}.${name} ${JSON.stringify(value)} is not a Kubernetes quantity; counted as 0`,
          });
    }
  }
  const overhead = ((pod.object.spec ?? {}) as PodSpec).overhead;
  if (overhead && typeof overhead === 'object')
    for (const [name, value] of Object.entries(overhead))
      if (!isValidQuantity(value))
        out.push({
          level: 'error',
          object: where,
          message: `pod ${pod.ref.namespace}/${pod.ref.name}: overhead ${name} ${JSON.stringify(value)} is not a Kubernetes quantity; counted as 0`,
        });
  return out;
}
