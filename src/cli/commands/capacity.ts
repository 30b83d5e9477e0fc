import { buildCapacity, type CapacityOptions } from '../../capacity/build.ts';
import { capacityCsv } from '../../capacity/csv.ts';
import { isWorkloadRef, type PodShape, shapeFromSize, shapeFromWorkload } from '../../capacity/pod-size.ts';
import { capacityMarkdown, capacityText } from '../../capacity/render.ts';
import type { CapacityProblem, CapacityReport } from '../../capacity/report.ts';
import { usageFrom } from '../../capacity/usage.ts';
import { ObjectIndex } from '../../core/index.ts';
import type { KubeObject } from '../../core/object.ts';
import { EXIT_CLEAN, EXIT_ERROR } from '../../core/report.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';
import { guardLines, showInvisibleIn } from '../../reporters/escape.ts';
import { ApiError, type ClusterClient } from '../../sources/cluster/client.ts';
import { BUILTIN_RESOURCES } from '../../sources/cluster/resources.ts';
import { VERSION } from '../../version.ts';
import type { ClusterFlags } from '../cluster-flags.ts';
import { type ClusterState, loadClusterState } from '../cluster-options.ts';
import { UsageError } from '../errors.ts';

export interface CapacityFlags extends ClusterFlags {
  output: string;
  podSize?: string;
  poolLabel?: string;
  teamLabel: string;
}

const FORMATS = ['text', 'json', 'markdown', 'csv'];

/** What capacity reads: nodes, pods, quotas, limit ranges, namespaces (team labels) and the workloads --pod-size names. */
const KINDS = new Set(['Namespace', 'Node', 'Pod', 'ResourceQuota', 'LimitRange', ...WORKLOAD_KINDS]);
const METRICS_KINDS = new Set(['NodeMetrics', 'PodMetrics']);

export async function capacity(flags: CapacityFlags): Promise<number> {
  if (!FORMATS.includes(flags.output))
    throw new UsageError(`-o/--output must be one of ${FORMATS.join(', ')}, got "${flags.output}"`);
  if (flags.describe?.length)
    throw new UsageError('capacity reads a cluster or a snapshot, not describe text');
  const namespace = flags.namespace ?? 'default';
  const size =
    flags.podSize && !isWorkloadRef(flags.podSize) ? shapeFromSize(flags.podSize, namespace) : undefined;
  if (typeof size === 'string') throw new UsageError(size);
  // Node usage needs every namespace's pods: -n only names where the --pod-size workload and its quota live.
  const { namespace: _ns, allNamespaces: _all, ...whole } = flags;
  const state = await loadClusterState(
    whole,
    BUILTIN_RESOURCES.filter((t) => KINDS.has(t.kind)),
    (objects) => objects.filter((o) => KINDS.has(o.kind) || METRICS_KINDS.has(o.kind)),
  );
  const unreadable = state.problems.filter((p) => p.level !== 'warning');
  if (state.objects.length === 0 && unreadable.length > 0)
    throw new UsageError(unreadable.map((p) => `${p.file ? `${p.file}: ` : ''}${p.message}`).join('; '));
  const metrics = state.objects.filter((o) => METRICS_KINDS.has(o.object.kind));
  const index = new ObjectIndex(
    metrics.length > 0 ? state.objects.filter((o) => !METRICS_KINDS.has(o.object.kind)) : state.objects,
    { partial: false },
  );
  let shape: PodShape | undefined = size;
  if (flags.podSize && !size) {
    const found = shapeFromWorkload(index, flags.podSize, namespace);
    if (typeof found === 'string') throw new UsageError(found);
    shape = found;
  }
  const options: CapacityOptions = { teamLabel: flags.teamLabel };
  if (flags.poolLabel) options.poolLabel = flags.poolLabel;
  if (shape) options.shape = shape;
  const usage = state.client
    ? await readMetrics(state.client)
    : metrics.length > 0
      ? {
          usage: usageFrom(
            metrics.filter((m) => m.object.kind === 'NodeMetrics').map((m) => m.object),
            metrics.filter((m) => m.object.kind === 'PodMetrics').map((m) => m.object),
          ),
        }
      : {
          reason:
            'the snapshot holds no metrics API objects (NodeMetrics, PodMetrics): usage is shown live only',
        };
  if ('usage' in usage) options.usage = usage.usage;
  else options.usageReason = usage.reason;
  const body = buildCapacity(index, options);
  const report: CapacityReport = {
    tool: { name: 'shipshape', version: VERSION },
    command: 'capacity',
    source: state.source,
    ...body,
    problems: [...sourceProblems(state), ...body.problems],
  };
  process.stdout.write(format(report, flags.output));
  return report.problems.some((p) => p.level === 'error') ? EXIT_ERROR : EXIT_CLEAN;
}

function format(report: CapacityReport, output: string): string {
  if (output === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const printable = showInvisibleIn(report);
  if (output === 'csv') return capacityCsv(printable);
  return guardLines(output === 'markdown' ? capacityMarkdown(printable) : capacityText(printable));
}

/** What the source could not read, in capacity's terms: without nodes or pods the report is incomplete (error). */
function sourceProblems(state: ClusterState): CapacityProblem[] {
  const out: CapacityProblem[] = [];
  for (const { kind, reason } of state.kindsMissing) {
    if (!KINDS.has(kind)) continue;
    // Workload kinds matter only to name the --pod-size workload, and a missing one fails there with the reason.
    if (!['Node', 'Pod', 'ResourceQuota', 'LimitRange', 'Namespace'].includes(kind)) continue;
    const consequence =
      kind === 'Node'
        ? 'the node, pool, headroom and stranded views are empty'
        : kind === 'Pod'
          ? 'requested, limits and pod counts are unknown (shown as 0) and the headroom would be overstated'
          : kind === 'ResourceQuota'
            ? 'quotas are not shown and headroom ignores them'
            : kind === 'LimitRange'
              ? 'LimitRange defaults are not applied to the --pod-size workload'
              : 'teams come from pod labels only';
    out.push({
      level: kind === 'Node' || kind === 'Pod' ? 'error' : 'note',
      object: kind,
      message: `${kind} objects could not be read (${reason}): ${consequence}`,
    });
  }
  for (const p of state.problems)
    if (!(p.kind === 'source' && state.kindsMissing.some((m) => p.object === m.kind)))
      out.push({
        level: p.level === 'warning' ? 'note' : 'error',
        message: `${p.file ? `${p.file}: ` : ''}${p.message}`,
      });
  return out;
}

/** Usage now from the metrics API; the reason in words when it does not answer. */
async function readMetrics(
  client: ClusterClient,
): Promise<{ usage: ReturnType<typeof usageFrom> } | { reason: string }> {
  try {
    const nodes = (await client.getJson('/apis/metrics.k8s.io/v1beta1/nodes')) as { items?: KubeObject[] };
    const pods = (await client.getJson('/apis/metrics.k8s.io/v1beta1/pods')) as { items?: KubeObject[] };
    return { usage: usageFrom(nodes.items ?? [], pods.items ?? []) };
  } catch (error) {
    if (!(error instanceof ApiError))
      return { reason: `the metrics API could not be read: ${(error as Error).message}` };
    if (error.status === 404)
      return {
        reason:
          'the metrics API (metrics.k8s.io) is not served by this cluster: install metrics-server to see usage',
      };
    if (error.status === 403)
      return { reason: 'reading the metrics API (metrics.k8s.io nodes, pods) is forbidden by RBAC' };
    return { reason: `the metrics API did not answer (${error.message})` };
  }
}
