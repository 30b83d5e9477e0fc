// Without Prometheus: one moment of the metrics API (metrics-server's PodMetrics), labelled a point-in-time
// estimate everywhere. One moment says nothing about peaks, so only increases are made (ADR 0065 §10).
// https://github.com/kubernetes-sigs/metrics-server/blob/master/FAQ.md
import type { LoadedObject } from '../core/object.ts';
import { parseQuantity } from '../k8s/quantity.ts';
import { CPU_UNIT, formatDuration, humanBytes, humanCpu, MIB, roundUp } from './stats.ts';
import type { ContainerKey, CurrentResources, Policy, Recommendation } from './types.ts';

export interface PodMetrics {
  metadata?: { name?: string; namespace?: string };
  timestamp?: string;
  window?: string;
  containers?: { name?: string; usage?: { cpu?: string; memory?: string } }[];
}

/** A pod's workload from its owner references, ReplicaSet → Deployment and Job → CronJob followed. */
export function ownerResolver(
  objects: readonly LoadedObject[],
): (namespace: string, pod: string) => { kind: string; name: string } {
  const byKey = new Map<string, LoadedObject>();
  for (const o of objects) byKey.set(`${o.ref.kind}/${o.ref.namespace ?? ''}/${o.ref.name}`, o);
  const controllerOf = (o: LoadedObject) => o.object.metadata.ownerReferences?.find((r) => r.controller);
  return (namespace, pod) => {
    let owner: { kind: string; name: string } = { kind: 'Pod', name: pod };
    for (let hops = 0; hops < 3; hops++) {
      const object = byKey.get(`${owner.kind}/${namespace}/${owner.name}`);
      const ref = object && controllerOf(object);
      if (!ref?.kind || !ref.name) break;
      owner = { kind: ref.kind, name: ref.name };
    }
    return owner;
  };
}

function windowSeconds(window: string | undefined): number | undefined {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(window ?? '');
  return match ? Number(match[1]) : undefined;
}

export function fromPodMetrics(
  items: readonly PodMetrics[],
  ownerOf: (namespace: string, pod: string) => { kind: string; name: string },
  currentOf: (key: ContainerKey) => CurrentResources | undefined,
  policy: Policy,
): Recommendation[] {
  const groups = new Map<
    string,
    { key: ContainerKey; cpu: number[]; memory: number[]; at: string; window?: number }
  >();
  for (const item of items) {
    const namespace = item.metadata?.namespace;
    const pod = item.metadata?.name;
    if (!namespace || !pod) continue;
    const owner = ownerOf(namespace, pod);
    for (const c of item.containers ?? []) {
      if (!c.name) continue;
      const key = { namespace, kind: owner.kind, name: owner.name, container: c.name };
      const id = `${namespace}/${owner.kind}/${owner.name}/${c.name}`;
      let group = groups.get(id);
      if (!group) {
        const window = windowSeconds(item.window);
        group = { key, cpu: [], memory: [], at: item.timestamp ?? '?', ...(window ? { window } : {}) };
        groups.set(id, group);
      }
      const cpu = parseQuantity(c.usage?.cpu);
      const memory = parseQuantity(c.usage?.memory);
      if (cpu !== undefined) group.cpu.push(cpu);
      if (memory !== undefined) group.memory.push(memory);
    }
  }
  const out: Recommendation[] = [];
  for (const group of groups.values()) {
    const current = currentOf(group.key);
    if (!current) continue;
    const seen = `point-in-time estimate: usage at ${group.at}${group.window ? ` over ${formatDuration(group.window)}` : ''} across ${Math.max(group.cpu.length, group.memory.length)} pod(s); one moment shows no peaks, so only increases are made`;
    const cpuPeak = group.cpu.length ? group.cpu.reduce((a, b) => Math.max(a, b), 0) : undefined;
    const memPeak = group.memory.length ? group.memory.reduce((a, b) => Math.max(a, b), 0) : undefined;
    const cpu =
      cpuPeak === undefined
        ? undefined
        : Math.max(
            current.cpuRequest ?? 0,
            policy.cpuMin,
            roundUp(cpuPeak * (1 + policy.cpuMargin), CPU_UNIT),
          );
    const memory =
      memPeak === undefined
        ? undefined
        : Math.max(
            current.memoryRequest ?? 0,
            policy.memoryMin,
            roundUp(memPeak * (1 + policy.memoryMargin), MIB),
          );
    out.push({
      key: group.key,
      role: 'app',
      confidence: 'low',
      days: 0,
      pointInTime: true,
      ooms: [],
      cpu: {
        ...(cpu !== undefined ? { request: cpu } : {}),
        ...(policy.cpuLimit === 'none' ? { limit: null } : {}),
        evidence: [
          seen,
          ...(cpuPeak !== undefined
            ? [`highest CPU now ${humanCpu(cpuPeak)}; × ${1 + policy.cpuMargin}`]
            : []),
        ],
      },
      memory: {
        ...(memory !== undefined ? { request: memory, limit: memory } : {}),
        evidence: [
          seen,
          ...(memPeak !== undefined
            ? [`highest working set now ${humanBytes(memPeak)}; × ${1 + policy.memoryMargin}`]
            : []),
        ],
      },
    });
  }
  return out;
}
