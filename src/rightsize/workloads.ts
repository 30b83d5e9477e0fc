// The workloads rightsize sizes, as the API (or the manifests) declares them: containers with their roles,
// HPAs on CPU utilization, and replica counts.

import type { LoadedObject } from '../core/object.ts';
import { isRecord } from '../k8s/disruption.ts';
import { containerName, containersOf, replicasOf } from '../k8s/workloads.ts';
import { containerId, roleOf } from './attach.ts';
import type { ContainerKey, ContainerRole, HpaTarget } from './types.ts';

export const SIZED_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'];

export class Workloads {
  private readonly byId = new Map<string, LoadedObject>();
  private readonly byNamespace = new Map<string, LoadedObject[]>();
  private readonly roles = new Map<string, ContainerRole>();
  private readonly hpas = new Map<string, HpaTarget>();
  private readonly otherHpas = new Map<string, string>();

  constructor(objects: readonly LoadedObject[]) {
    for (const loaded of objects) {
      const { kind, namespace = 'default', name } = loaded.ref;
      if (kind === 'HorizontalPodAutoscaler') {
        this.addHpa(loaded);
        continue;
      }
      if (!SIZED_KINDS.includes(kind)) continue;
      // Pods and ReplicaSets with a controller are sized through it.
      if (
        (kind === 'Pod' || kind === 'ReplicaSet' || kind === 'Job') &&
        loaded.object.metadata.ownerReferences?.some((o) => o.controller)
      )
        continue;
      this.byId.set(`${namespace}/${kind}/${name}`, loaded);
      const list = this.byNamespace.get(namespace);
      if (list) list.push(loaded);
      else this.byNamespace.set(namespace, [loaded]);
      for (const at of containersOf(loaded.object, ['containers', 'initContainers']))
        this.roles.set(containerId(namespace, kind, name, containerName(at.container)), roleOf(at));
    }
  }

  get size(): number {
    return this.byId.size;
  }

  get(namespace: string, kind: string, name: string): LoadedObject | undefined {
    return this.byId.get(`${namespace}/${kind}/${name}`);
  }

  namespaces(): string[] {
    return [...this.byNamespace.keys()].sort();
  }

  roleOf(key: ContainerKey): ContainerRole {
    return this.roles.get(containerId(key.namespace, key.kind, key.name, key.container)) ?? 'app';
  }

  /**
   * The workload a pod belongs to by its name, when kube-state-metrics does not say: the longest workload name
   * that, with a dash, starts the pod's name (checkout-7d9f8b6c4-x2x9z → Deployment checkout).
   */
  ownerByName(namespace: string, pod: string): { kind: string; name: string } | undefined {
    let best: LoadedObject | undefined;
    for (const w of this.byNamespace.get(namespace) ?? []) {
      const name = w.ref.name;
      if ((pod === name && w.ref.kind === 'Pod') || pod.startsWith(`${name}-`))
        if (!best || name.length > best.ref.name.length) best = w;
    }
    return best ? { kind: best.ref.kind, name: best.ref.name } : undefined;
  }

  hpaOf(namespace: string, kind: string, name: string): HpaTarget | undefined {
    return this.hpas.get(`${namespace}/${kind}/${name}`);
  }

  /** An HPA scaling the workload on something other than CPU utilization: its replica effect is not replayed. */
  otherHpaOf(namespace: string, kind: string, name: string): string | undefined {
    return this.otherHpas.get(`${namespace}/${kind}/${name}`);
  }

  replicas(namespace: string, kind: string, name: string): number {
    const w = this.get(namespace, kind, name);
    return (w && replicasOf(w.object)) ?? 1;
  }

  private addHpa(loaded: LoadedObject): void {
    const spec = isRecord(loaded.object.spec) ? loaded.object.spec : {};
    const ref = isRecord(spec.scaleTargetRef) ? spec.scaleTargetRef : {};
    if (typeof ref.kind !== 'string' || typeof ref.name !== 'string') return;
    const id = `${loaded.ref.namespace ?? 'default'}/${ref.kind}/${ref.name}`;
    const minReplicas = typeof spec.minReplicas === 'number' ? spec.minReplicas : 1;
    const maxReplicas = typeof spec.maxReplicas === 'number' ? spec.maxReplicas : minReplicas;
    let utilization: number | undefined;
    if (typeof spec.targetCPUUtilizationPercentage === 'number')
      utilization = spec.targetCPUUtilizationPercentage / 100;
    const metrics = Array.isArray(spec.metrics) ? spec.metrics.filter(isRecord) : [];
    for (const m of metrics) {
      const resource = isRecord(m.resource)
        ? m.resource
        : isRecord(m.containerResource)
          ? m.containerResource
          : undefined;
      const target = resource && isRecord(resource.target) ? resource.target : undefined;
      if (
        resource?.name === 'cpu' &&
        target?.type === 'Utilization' &&
        typeof target.averageUtilization === 'number'
      )
        utilization = target.averageUtilization / 100;
    }
    // No metrics at all: the HPA's default, 80% average CPU utilization.
    if (metrics.length === 0 && utilization === undefined) utilization = 0.8;
    // Only a CPU-utilization HPA alone can be replayed; other metrics may scale it too.
    if (utilization !== undefined && metrics.length <= 1 && utilization > 0)
      this.hpas.set(id, { name: loaded.ref.name, utilization, minReplicas, maxReplicas });
    else this.otherHpas.set(id, loaded.ref.name);
  }
}
