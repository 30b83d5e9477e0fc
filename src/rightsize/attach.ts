// Recommendations travel to the rightsize-* checks beside the object set: the command computes them (I/O) and
// stores them in the index before the checks run; the checks stay pure lookups.
import type { ObjectIndex } from '../core/index.ts';
import type { LoadedObject } from '../core/object.ts';
import { parseQuantity } from '../k8s/quantity.ts';
import {
  type Container,
  type ContainerAt,
  containerName,
  containersOf,
  isSidecar,
} from '../k8s/workloads.ts';
import type { ContainerRole, CurrentResources, Policy, Recommendation } from './types.ts';
import { DEFAULT_POLICY } from './types.ts';

const RECOMMENDATIONS = 'rightsize-recommendations';
const POLICY = 'rightsize-policy';

export function containerId(namespace: string, kind: string, name: string, container: string): string {
  return `${namespace}\u0000${kind}\u0000${name}\u0000${container}`;
}

export function attachRecommendations(
  index: ObjectIndex,
  recommendations: readonly Recommendation[],
  policy: Policy,
): void {
  const map = new Map<string, Recommendation>();
  for (const r of recommendations)
    map.set(containerId(r.key.namespace, r.key.kind, r.key.name, r.key.container), r);
  index.memo(RECOMMENDATIONS, () => map);
  index.memo(POLICY, () => policy);
}

export function policyOf(index: ObjectIndex): Policy {
  return index.memo(POLICY, () => DEFAULT_POLICY);
}

export interface SizedContainer {
  at: ContainerAt;
  name: string;
  role: ContainerRole;
  current: CurrentResources;
  recommendation: Recommendation;
}

/** The workload's app containers, sidecars and init containers that have a recommendation. */
export function sizedContainers(index: ObjectIndex, workload: LoadedObject): SizedContainer[] {
  const map = index.memo(RECOMMENDATIONS, () => new Map<string, Recommendation>());
  if (map.size === 0) return [];
  const out: SizedContainer[] = [];
  for (const at of containersOf(workload.object, ['containers', 'initContainers'])) {
    const name = containerName(at.container);
    const recommendation = map.get(
      containerId(workload.ref.namespace ?? 'default', workload.ref.kind, workload.ref.name, name),
    );
    if (!recommendation) continue;
    out.push({ at, name, role: roleOf(at), current: currentResources(at.container), recommendation });
  }
  return out;
}

export function roleOf(at: ContainerAt): ContainerRole {
  if (at.kind === 'containers') return 'app';
  return isSidecar(at) ? 'sidecar' : 'init';
}

/** Declared requests and limits in cores and bytes; a limit alone stands for the request, as the API defaults it. */
export function currentResources(container: Container): CurrentResources {
  const get = (section: 'requests' | 'limits', name: string) =>
    parseQuantity(container.resources?.[section]?.[name]);
  const out: CurrentResources = {};
  const cpuLimit = get('limits', 'cpu');
  const memoryLimit = get('limits', 'memory');
  const cpuRequest = get('requests', 'cpu') ?? cpuLimit;
  const memoryRequest = get('requests', 'memory') ?? memoryLimit;
  if (cpuRequest !== undefined) out.cpuRequest = cpuRequest;
  if (cpuLimit !== undefined) out.cpuLimit = cpuLimit;
  if (memoryRequest !== undefined) out.memoryRequest = memoryRequest;
  if (memoryLimit !== undefined) out.memoryLimit = memoryLimit;
  return out;
}
