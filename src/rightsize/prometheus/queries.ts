// The PromQL rightsize sends: one query per signal per batch of workloads, never one per container. Each is a
// range function over exactly one step (no subqueries: they hold a copy per step, capacity.md §1.1), so every
// raw sample is seen once and no spike between grid points is lost. Labels are cAdvisor's and
// kube-state-metrics' (capacity.md §3); `max by` folds duplicate scrape jobs and cAdvisor's extra labels.

/** Which series a batch covers: namespaces whole, or some pods of one namespace. */
export type BatchSelector = { namespaces: string[] } | { namespace: string; pods: string[] };

const BY = 'namespace, pod, container';

function quote(value: string): string {
  return JSON.stringify(value);
}

function regexOf(values: readonly string[]): string {
  return values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

/** The label matchers of a batch, without braces. */
export function matchersOf(batch: BatchSelector): string {
  if ('namespaces' in batch)
    return batch.namespaces.length === 1
      ? `namespace=${quote(batch.namespaces[0]!)}`
      : `namespace=~${quote(regexOf(batch.namespaces))}`;
  return `namespace=${quote(batch.namespace)}, pod=~${quote(regexOf(batch.pods))}`;
}

/** Real containers only: cAdvisor also reports the pod cgroup (container="") and the pause container. */
const CONTAINERS = 'container!="", container!="POD"';

export type Signal = 'cpu' | 'memory' | 'throttled' | 'starts' | 'ooms';
export const SIGNALS: readonly Signal[] = ['cpu', 'memory', 'throttled', 'starts', 'ooms'];

export function signalQuery(signal: Signal, batch: BatchSelector, step: number): string {
  const sel = `${CONTAINERS}, ${matchersOf(batch)}`;
  const w = `${step}s`;
  switch (signal) {
    case 'cpu':
      return `max by (${BY}) (rate(container_cpu_usage_seconds_total{${sel}}[${w}]))`;
    case 'memory':
      return `max by (${BY}) (max_over_time(container_memory_working_set_bytes{${sel}}[${w}]))`;
    case 'throttled':
      return `max by (${BY}) (rate(container_cpu_cfs_throttled_periods_total{${sel}}[${w}]) / rate(container_cpu_cfs_periods_total{${sel}}[${w}]))`;
    case 'starts':
      return `max by (${BY}) (container_start_time_seconds{${sel}})`;
    case 'ooms': {
      // A step where the restart count rose while the last termination was OOMKilled is an OOM kill; the value
      // is the memory limit then (0 when the container had none).
      const ksm = `${CONTAINERS}, ${matchersOf(batch)}`;
      const limit = `max by (${BY}) (kube_pod_container_resource_limits{resource="memory", ${ksm}})`;
      const restarted = `max by (${BY}) (increase(kube_pod_container_status_restarts_total{${ksm}}[${w}])) > 0`;
      const oom = `max by (${BY}) (kube_pod_container_status_last_terminated_reason{reason="OOMKilled", ${ksm}}) == 1`;
      return `((${limit}) or on (${BY}) (0 * (${restarted}))) and on (${BY}) (${restarted}) and on (${BY}) (${oom})`;
    }
  }
}

/** Series that name every container of the window (for batching), read through /api/v1/series: no samples. */
export const CONTAINER_SERIES = `container_memory_working_set_bytes{${CONTAINERS}}`;
export const OWNER_SERIES = ['kube_pod_owner', 'kube_replicaset_owner', 'kube_job_owner'];
