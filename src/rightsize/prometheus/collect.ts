// Reads a window of history out of Prometheus in batches and hands each batch's containers, complete, to the
// caller: memory stays bounded by one batch, and the number of queries grows with batches, not containers.
//   1. /api/v1/series: every container and every pod owner of the window (labels only, no samples);
//   2. pods → workloads through kube_pod_owner → kube_replicaset_owner / kube_job_owner (deleted pods too);
//   3. batches of whole workloads up to `seriesPerBatch` series (whole namespaces when they fit);
//   4. per batch and signal one query_range, cut into time chunks so no answer exceeds `pointsPerQuery` points
//      nor Prometheus' 11,000 points per series.
import { append } from '../../core/append.ts';
import type { ContainerHistory, ContainerKey, ContainerRole, PodSeries } from '../types.ts';
import type { PrometheusClient, RangeSeries } from './client.ts';
import {
  type BatchSelector,
  CONTAINER_SERIES,
  OWNER_SERIES,
  SIGNALS,
  type Signal,
  signalQuery,
} from './queries.ts';

export interface CollectOptions {
  /** End of the window (seconds); the grid is end, end − step, … */
  end: number;
  /** Length of the window in seconds (a multiple of step). */
  history: number;
  step: number;
  /** Only these namespaces (all when absent). */
  namespaces?: string[];
  seriesPerBatch: number;
  pointsPerQuery: number;
  /** The workload a pod belongs to when kube-state-metrics does not say (e.g. by name from the API's objects). */
  ownerByName?: (namespace: string, pod: string) => { kind: string; name: string } | undefined;
  roleOf: (key: ContainerKey) => ContainerRole;
  progress?: (message: string) => void;
}

export interface BatchFailure {
  keys: ContainerKey[];
  reason: string;
}

const MAX_POINTS_PER_SERIES = 11_000;

export function keyId(key: ContainerKey): string {
  return `${key.namespace}\u0000${key.kind}\u0000${key.name}\u0000${key.container}`;
}

interface Workload {
  namespace: string;
  kind: string;
  name: string;
  pods: Set<string>;
  containers: Set<string>;
  series: number;
}

/** Resolves owners: a pod's ReplicaSet to its Deployment, a Job to its CronJob; without an owner, the pod itself. */
export function resolveOwners(
  owners: Record<string, string>[],
): (namespace: string, pod: string) => { kind: string; name: string } | undefined {
  const pods = new Map<string, { kind: string; name: string }>();
  const parents = new Map<string, { kind: string; name: string }>();
  for (const labels of owners) {
    const { __name__: metric, namespace = '', owner_kind: kind, owner_name: name } = labels;
    if (!kind || !name || kind === '<none>' || name === '<none>') continue;
    if (metric === 'kube_pod_owner' && labels.pod && labels.owner_is_controller !== 'false')
      pods.set(`${namespace}/${labels.pod}`, { kind, name });
    if (metric === 'kube_replicaset_owner' && labels.replicaset)
      parents.set(`${namespace}/ReplicaSet/${labels.replicaset}`, { kind, name });
    if (metric === 'kube_job_owner' && labels.job_name)
      parents.set(`${namespace}/Job/${labels.job_name}`, { kind, name });
  }
  return (namespace, pod) => {
    const owner = pods.get(`${namespace}/${pod}`);
    if (!owner) return undefined;
    return parents.get(`${namespace}/${owner.kind}/${owner.name}`) ?? owner;
  };
}

export async function collect(
  client: PrometheusClient,
  options: CollectOptions,
  onBatch: (histories: ContainerHistory[]) => void,
): Promise<{ failures: BatchFailure[]; containers: number; batches: number }> {
  const { end, step } = options;
  const start = end - options.history;
  const nsFilter = options.namespaces?.length
    ? `, namespace=~${JSON.stringify(options.namespaces.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'))}`
    : '';
  options.progress?.('rightsize: listing containers and pod owners in Prometheus');
  const containerSeries = await client.series([CONTAINER_SERIES.replace('}', `${nsFilter}}`)], start, end);
  const ownerSeries = await client.series(
    OWNER_SERIES.map((m) => `${m}{namespace!=""${nsFilter}}`),
    start,
    end,
  );
  const ownerOf = resolveOwners(ownerSeries);
  const workloads = new Map<string, Workload>();
  const podWorkload = new Map<string, Workload>();
  const seen = new Set<string>();
  for (const { namespace, pod, container } of containerSeries) {
    if (!namespace || !pod || !container) continue;
    const id = `${namespace}/${pod}/${container}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const owner = ownerOf(namespace, pod) ??
      options.ownerByName?.(namespace, pod) ?? { kind: 'Pod', name: pod };
    const wid = `${namespace}/${owner.kind}/${owner.name}`;
    let workload = workloads.get(wid);
    if (!workload) {
      workload = {
        namespace,
        kind: owner.kind,
        name: owner.name,
        pods: new Set(),
        containers: new Set(),
        series: 0,
      };
      workloads.set(wid, workload);
    }
    workload.pods.add(pod);
    workload.containers.add(container);
    workload.series++;
    podWorkload.set(`${namespace}/${pod}`, workload);
  }
  const batches = planBatches([...workloads.values()], options.seriesPerBatch);
  const failures: BatchFailure[] = [];
  let containers = 0;
  for (const [i, batch] of batches.entries()) {
    const keys = batch.workloads.flatMap((w) =>
      [...w.containers].map((container) => ({
        namespace: w.namespace,
        kind: w.kind,
        name: w.name,
        container,
      })),
    );
    containers += keys.length;
    options.progress?.(
      `rightsize: batch ${i + 1}/${batches.length}: ${batch.workloads.length} workload(s), ${batch.series} series`,
    );
    try {
      const results = new Map<Signal, RangeSeries[]>();
      for (const signal of SIGNALS)
        results.set(
          signal,
          await chunked(
            client,
            signalQuery(signal, batch.selector, step),
            start,
            end,
            step,
            batch.series,
            options.pointsPerQuery,
          ),
        );
      onBatch(fold(results, keys, podWorkload, options, start));
    } catch (error) {
      failures.push({ keys, reason: (error as Error).message });
      options.progress?.(`rightsize: batch ${i + 1} failed: ${(error as Error).message}`);
    }
  }
  return { failures, containers, batches: batches.length };
}

interface Batch {
  selector: BatchSelector;
  workloads: Workload[];
  series: number;
}

/** Whole namespaces while they fit; a namespace too big for one batch is split by workload (a pod regex). */
export function planBatches(workloads: readonly Workload[], seriesPerBatch: number): Batch[] {
  const byNamespace = new Map<string, Workload[]>();
  for (const w of workloads) {
    const list = byNamespace.get(w.namespace);
    if (list) list.push(w);
    else byNamespace.set(w.namespace, [w]);
  }
  const batches: Batch[] = [];
  let open: { namespaces: string[]; workloads: Workload[]; series: number } | undefined;
  for (const [namespace, list] of [...byNamespace].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const series = list.reduce((n, w) => n + w.series, 0);
    if (series <= seriesPerBatch) {
      if (open && open.series + series > seriesPerBatch) {
        batches.push({
          selector: { namespaces: open.namespaces },
          workloads: open.workloads,
          series: open.series,
        });
        open = undefined;
      }
      open ??= { namespaces: [], workloads: [], series: 0 };
      open.namespaces.push(namespace);
      append(open.workloads, list);
      open.series += series;
      continue;
    }
    let part: Workload[] = [];
    let partSeries = 0;
    const flush = () => {
      if (part.length === 0) return;
      batches.push({
        selector: { namespace, pods: part.flatMap((w) => [...w.pods]) },
        workloads: part,
        series: partSeries,
      });
      part = [];
      partSeries = 0;
    };
    for (const w of list) {
      if (partSeries > 0 && partSeries + w.series > seriesPerBatch) flush();
      part.push(w);
      partSeries += w.series;
    }
    flush();
  }
  if (open)
    batches.push({
      selector: { namespaces: open.namespaces },
      workloads: open.workloads,
      series: open.series,
    });
  return batches;
}

/** One query over [start, end], cut into time chunks of at most pointsPerQuery / series points each. */
async function chunked(
  client: PrometheusClient,
  query: string,
  start: number,
  end: number,
  step: number,
  series: number,
  pointsPerQuery: number,
): Promise<RangeSeries[]> {
  const perSeries = Math.max(
    1,
    Math.min(MAX_POINTS_PER_SERIES, Math.floor(pointsPerQuery / Math.max(1, series))),
  );
  const out: RangeSeries[] = [];
  // The grid: start + step … end; a sample at t stands for (t − step, t].
  for (let from = start + step; from <= end; from += perSeries * step) {
    const to = Math.min(end, from + (perSeries - 1) * step);
    append(out, await client.rangeQuery(query, from, to, step));
  }
  return out;
}

function fold(
  results: Map<Signal, RangeSeries[]>,
  keys: readonly ContainerKey[],
  podWorkload: Map<string, Workload>,
  options: CollectOptions,
  start: number,
): ContainerHistory[] {
  const histories = new Map<string, ContainerHistory>();
  for (const key of keys)
    histories.set(keyId(key), {
      key,
      role: options.roleOf(key),
      pods: [],
      step: options.step,
      window: { start, end: options.end },
    });
  const pods = new Map<string, PodSeries>();
  const podOf = (metric: Record<string, string>): PodSeries | undefined => {
    const { namespace = '', pod = '', container = '' } = metric;
    const workload = podWorkload.get(`${namespace}/${pod}`);
    if (!workload) return undefined;
    const history = histories.get(keyId({ namespace, kind: workload.kind, name: workload.name, container }));
    if (!history) return undefined;
    const id = `${namespace}/${pod}/${container}`;
    let series = pods.get(id);
    if (!series) {
      series = { pod, cpu: [], memory: [], throttled: [], starts: [], ooms: [] };
      pods.set(id, series);
      history.pods.push(series);
    }
    return series;
  };
  for (const signal of SIGNALS)
    for (const { metric, values } of results.get(signal) ?? []) {
      const series = podOf(metric);
      if (!series) continue;
      for (const [t, text] of values) {
        const value = Number(text);
        if (!Number.isFinite(value)) continue;
        if (signal === 'cpu') series.cpu.push([t, value]);
        else if (signal === 'memory') series.memory.push([t, value]);
        else if (signal === 'throttled') series.throttled.push([t, value]);
        else if (signal === 'starts') {
          if (!series.starts.includes(value)) series.starts.push(value);
        } else if (signal === 'ooms') {
          // One kill shows in one step; a repeat in the very next step is the same kill.
          const last = series.ooms.at(-1);
          if (last && t - last.at <= options.step) continue;
          series.ooms.push(value > 0 ? { at: t, limit: value } : { at: t });
        }
      }
    }
  for (const series of pods.values()) {
    for (const list of [series.cpu, series.memory, series.throttled]) list.sort((a, b) => a[0] - b[0]);
    series.starts.sort((a, b) => a - b);
    series.ooms.sort((a, b) => a.at - b.at);
  }
  return [...histories.values()];
}
