// rightsize from Prometheus history: collect in batches, recommend per container, keep what the report needs.

import { append } from '../core/append.ts';
import type { LoadedObject } from '../core/object.ts';
import type { Problem } from '../core/problem.ts';
import type { RightsizeContainer } from '../core/report.ts';
import { containerName, containersOf } from '../k8s/workloads.ts';
import type { ClusterClient } from '../sources/cluster/client.ts';
import { currentResources } from './attach.ts';
import { fromPodMetrics, ownerResolver, type PodMetrics } from './metrics-api.ts';
import { PrometheusClient } from './prometheus/client.ts';
import { collect } from './prometheus/collect.ts';
import { recommend } from './recommend.ts';
import type { ContainerHistory, CurrentResources, Policy, Recommendation } from './types.ts';
import type { Workloads } from './workloads.ts';

export interface HistoryOptions {
  url: string;
  end: number;
  history: number;
  step: number;
  timeoutMs: number;
  seriesPerBatch: number;
  pointsPerQuery: number;
  namespaces?: string[];
  policy: Policy;
  progress?: (message: string) => void;
}

export interface HistoryResult {
  recommendations: Recommendation[];
  problems: Problem[];
  unmatched: number;
  stats: { queries: number; bytes: number; milliseconds: number };
}

export function currentOf(
  workloads: Workloads,
  r: { namespace: string; kind: string; name: string; container: string },
): CurrentResources {
  const w = workloads.get(r.namespace, r.kind, r.name);
  if (!w) return {};
  const at = containersOf(w.object, ['containers', 'initContainers']).find(
    (c) => containerName(c.container) === r.container,
  );
  return at ? currentResources(at.container) : {};
}

export async function fromPrometheus(workloads: Workloads, options: HistoryOptions): Promise<HistoryResult> {
  const client = new PrometheusClient({ url: options.url, timeoutMs: options.timeoutMs });
  const recommendations: Recommendation[] = [];
  const problems: Problem[] = [];
  let unmatched = 0;
  const onBatch = (histories: ContainerHistory[]) => {
    for (const h of histories) {
      const { namespace, kind, name } = h.key;
      if (!workloads.get(namespace, kind, name)) {
        unmatched++;
        continue;
      }
      const r = recommend(
        h,
        currentOf(workloads, h.key),
        options.policy,
        workloads.hpaOf(namespace, kind, name),
      );
      const other = workloads.otherHpaOf(namespace, kind, name);
      if (other)
        r.cpu.evidence.push(
          `HPA ${other} scales this workload on other metrics than CPU utilization alone: sized per pod, the effect on its replica count is not modelled`,
        );
      recommendations.push(r);
    }
  };
  const result = await collect(
    client,
    {
      end: options.end,
      history: options.history,
      step: options.step,
      seriesPerBatch: options.seriesPerBatch,
      pointsPerQuery: options.pointsPerQuery,
      ...(options.namespaces ? { namespaces: options.namespaces } : {}),
      ownerByName: (ns, pod) => workloads.ownerByName(ns, pod),
      roleOf: (key) => workloads.roleOf(key),
      ...(options.progress ? { progress: options.progress } : {}),
    },
    onBatch,
  );
  for (const failure of result.failures) {
    const names = [...new Set(failure.keys.map((k) => `${k.kind} ${k.namespace}/${k.name}`))];
    problems.push({
      kind: 'source',
      message: `no recommendation for ${failure.keys.length} container(s) of ${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more workload(s)` : ''}: their history could not be read: ${failure.reason}`,
    });
  }
  for (const warning of new Set(client.warnings))
    problems.push({
      kind: 'source',
      level: 'warning',
      message: `Prometheus warned: ${warning} (recommendations may rest on partial data)`,
    });
  if (result.containers === 0)
    problems.push({
      kind: 'source',
      level: 'warning',
      message: `Prometheus at ${options.url} has no container_memory_working_set_bytes series in the window: is cAdvisor scraped (kubelet /metrics/cadvisor)?`,
    });
  return { recommendations, problems, unmatched, stats: client.stats };
}

export function sectionContainer(
  r: Recommendation,
  current: CurrentResources,
  replicas: number,
): RightsizeContainer {
  const out: RightsizeContainer = {
    namespace: r.key.namespace,
    kind: r.key.kind,
    name: r.key.name,
    container: r.key.container,
    role: r.role,
    confidence: r.confidence,
    days: Number(r.days.toFixed(3)),
    replicas,
    cpu: {
      current: {
        ...(current.cpuRequest !== undefined ? { request: current.cpuRequest } : {}),
        ...(current.cpuLimit !== undefined ? { limit: current.cpuLimit } : {}),
      },
      ...(r.cpu.request !== undefined
        ? {
            recommended: {
              request: r.cpu.request,
              ...(r.cpu.limit !== undefined ? { limit: r.cpu.limit } : {}),
            },
          }
        : {}),
      ...(r.cpu.held ? { held: r.cpu.held } : {}),
      evidence: r.cpu.evidence,
    },
    memory: {
      current: {
        ...(current.memoryRequest !== undefined ? { request: current.memoryRequest } : {}),
        ...(current.memoryLimit !== undefined ? { limit: current.memoryLimit } : {}),
      },
      ...(r.memory.request !== undefined
        ? {
            recommended: {
              request: r.memory.request,
              ...(r.memory.limit !== undefined ? { limit: r.memory.limit } : {}),
            },
          }
        : {}),
      ...(r.memory.held ? { held: r.memory.held } : {}),
      evidence: r.memory.evidence,
    },
    ooms: r.ooms.map((o) => ({
      at: new Date(o.at * 1000).toISOString(),
      ...(o.limit !== undefined ? { limit: o.limit } : {}),
    })),
  };
  if (r.throttled !== undefined) out.throttled = Number(r.throttled.toFixed(4));
  if (r.hpa) {
    const s = (x: typeof r.hpa.replicasBefore) => ({
      median: x.median,
      p99: x.p99,
      max: x.max,
      meanRequestedCores: Number(x.meanRequested.toFixed(4)),
    });
    out.hpa = { name: r.hpa.name, before: s(r.hpa.replicasBefore), after: s(r.hpa.replicasAfter) };
  }
  return out;
}

/** The point-in-time estimate: one read of metrics.k8s.io PodMetrics (ADR 0065 §10). */
export async function fromMetricsApi(
  client: ClusterClient,
  objects: readonly LoadedObject[],
  workloads: Workloads,
  policy: Policy,
  namespaces: string[] | undefined,
): Promise<{ recommendations: Recommendation[]; problems: Problem[] }> {
  const paths = namespaces
    ? namespaces.map((ns) => `/apis/metrics.k8s.io/v1beta1/namespaces/${encodeURIComponent(ns)}/pods`)
    : ['/apis/metrics.k8s.io/v1beta1/pods'];
  const items: PodMetrics[] = [];
  try {
    for (const path of paths)
      append(items, ((await client.getJson(path)) as { items?: PodMetrics[] }).items ?? []);
  } catch (error) {
    const status = (error as { status?: number }).status;
    const reason =
      status === 404 || status === 503
        ? `the metrics API (metrics.k8s.io) is not served by ${client.server}: install metrics-server, or give --prometheus <url> for history`
        : `the metrics API could not be read: ${(error as Error).message}`;
    return {
      recommendations: [],
      problems: [
        { kind: 'source', message: `${reason}; no recommendation was made, the current requests are shown` },
      ],
    };
  }
  const recommendations = fromPodMetrics(
    items,
    ownerResolver(objects),
    (key) => (workloads.get(key.namespace, key.kind, key.name) ? currentOf(workloads, key) : undefined),
    policy,
  ).map((r) => ({ ...r, role: workloads.roleOf(r.key) }));
  return { recommendations, problems: [] };
}
