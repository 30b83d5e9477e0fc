// What the recommendations are worth, two ways (capacity.md §1.5, OpenCost/Kubecost vocabulary):
// requested-resource savings (requests given back × replicas × price), and node savings, which are real money
// only once whole nodes can go: shown only when the nodes' allocatable says at least one could.
import type { LoadedObject } from '../core/object.ts';
import { parseQuantity } from '../k8s/quantity.ts';
import type { Recommendation } from './types.ts';

export interface Prices {
  /** US dollars per core-hour (OpenCost's default: 0.031611). */
  cpuCoreHour: number;
  /** US dollars per GiB-hour (OpenCost's default per GB: 0.004237). */
  memoryGiBHour: number;
  /** US dollars per node-hour; default: the node's allocatable at the CPU and memory prices. */
  nodeHour?: number;
}

export const DEFAULT_PRICES: Prices = { cpuCoreHour: 0.031611, memoryGiBHour: 0.004237 };
export const HOURS_PER_MONTH = 730;
const GiB = 2 ** 30;

export interface Savings {
  prices: Prices;
  /** Requests given back (negative: more requested), summed over replicas. */
  requested: { cpuCores: number; memoryBytes: number; monthly: number };
  /** Node savings: a count and its price when nodes could go, else why none is shown. */
  nodes:
    | { count: number; monthly: number; nodeShape: { cpuCores: number; memoryBytes: number } }
    | { reason: string };
}

export interface SizedReplicas {
  recommendation: Recommendation;
  current: { cpuRequest?: number; memoryRequest?: number };
  /** Pods that run this container on average (replicas, HPA replay mean, DaemonSet node count). */
  replicas: number;
}

export function savingsOf(
  sized: readonly SizedReplicas[],
  prices: Prices,
  nodes: readonly LoadedObject[],
  pods: readonly LoadedObject[],
): Savings {
  let cpu = 0;
  let memory = 0;
  for (const s of sized) {
    const r = s.recommendation;
    if (r.role === 'init') continue; // init containers count only through the pod's effective request
    const cpuNow = s.current.cpuRequest;
    const memNow = s.current.memoryRequest;
    // With an HPA the saving is the replayed mean requested CPU before minus after, not request × replicas.
    if (r.hpa) cpu += r.hpa.replicasBefore.meanRequested - r.hpa.replicasAfter.meanRequested;
    else if (r.cpu.request !== undefined && cpuNow !== undefined)
      cpu += (cpuNow - r.cpu.request) * s.replicas;
    if (r.memory.request !== undefined && memNow !== undefined)
      memory += (memNow - r.memory.request) * s.replicas;
  }
  const monthly = (cpu * prices.cpuCoreHour + (memory / GiB) * prices.memoryGiBHour) * HOURS_PER_MONTH;
  return {
    prices,
    requested: { cpuCores: cpu, memoryBytes: memory, monthly },
    nodes: nodeSavings(cpu, memory, prices, nodes, pods),
  };
}

function nodeSavings(
  cpuFreed: number,
  memoryFreed: number,
  prices: Prices,
  nodes: readonly LoadedObject[],
  pods: readonly LoadedObject[],
): Savings['nodes'] {
  const ready = nodes.filter(
    (n) => !(n.object.spec as { unschedulable?: boolean } | undefined)?.unschedulable,
  );
  if (ready.length === 0)
    return { reason: 'no Node objects were read (files or no access): node savings need the cluster' };
  let cpuAlloc = 0;
  let memAlloc = 0;
  for (const n of ready) {
    const alloc =
      (n.object.status as { allocatable?: Record<string, unknown> } | undefined)?.allocatable ?? {};
    cpuAlloc += parseQuantity(alloc.cpu) ?? 0;
    memAlloc += parseQuantity(alloc.memory) ?? 0;
  }
  const shape = { cpuCores: cpuAlloc / ready.length, memoryBytes: memAlloc / ready.length };
  if (shape.cpuCores <= 0 || shape.memoryBytes <= 0)
    return { reason: 'the nodes report no allocatable CPU or memory' };
  let cpuReq = 0;
  let memReq = 0;
  for (const p of pods) {
    const phase = (p.object.status as { phase?: string } | undefined)?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const spec = p.object.spec as
      | { containers?: { resources?: { requests?: Record<string, unknown> } }[] }
      | undefined;
    for (const c of spec?.containers ?? []) {
      cpuReq += parseQuantity(c.resources?.requests?.cpu) ?? 0;
      memReq += parseQuantity(c.resources?.requests?.memory) ?? 0;
    }
  }
  // Nodes the requests need, by whichever resource binds first (a lower bound of bin packing: ADR 0065).
  const needed = (c: number, m: number) =>
    Math.max(Math.ceil(c / shape.cpuCores - 1e-9), Math.ceil(m / shape.memoryBytes - 1e-9), 1);
  const before = Math.min(ready.length, needed(cpuReq, memReq));
  const after = needed(Math.max(0, cpuReq - cpuFreed), Math.max(0, memReq - memoryFreed));
  const count = Math.max(0, before - after);
  if (count === 0)
    return {
      reason: `the requests given back do not empty a node: ${ready.length} node(s) of about ${shape.cpuCores.toFixed(1)} cores / ${(shape.memoryBytes / GiB).toFixed(1)} GiB are still needed`,
    };
  const nodeHour =
    prices.nodeHour ?? shape.cpuCores * prices.cpuCoreHour + (shape.memoryBytes / GiB) * prices.memoryGiBHour;
  return { count, monthly: count * nodeHour * HOURS_PER_MONTH, nodeShape: shape };
}
