// The kubectl-style source flags of every cluster command (defined in cluster-flags.ts), resolved into one object set.
import type { LoadedObject } from '../core/object.ts';
import type { Problem } from '../core/problem.ts';
import type { SourceInfo } from '../core/report.ts';
import { ClusterClient, ConnectionError } from '../sources/cluster/client.ts';
import { loadCluster, type NamespaceForbidden } from '../sources/cluster/load-cluster.ts';
import { BUILTIN_RESOURCES, type ResourceType } from '../sources/cluster/resources.ts';
import { loadDescribe, readDescribeInput } from '../sources/describe/load-describe.ts';
import { DEFAULT_MAX_INPUT_MIB, InputBudget, InputLimitError } from '../sources/read-input.ts';
import { loadSnapshot, type SnapshotSelect } from '../sources/snapshot/load-snapshot.ts';
import type { ClusterFlags } from './cluster-flags.ts';
import { UsageError } from './errors.ts';
import { log } from './output.ts';
import { parseMiB } from './parse-flags.ts';

export interface ClusterState {
  objects: LoadedObject[];
  problems: Problem[];
  source: SourceInfo;
  /** Kinds we know were read completely; checks needing another kind must say they could not run. */
  kindsRead: Set<string>;
  kindsMissing: { kind: string; reason: string }[];
  /** Live reads: namespaces where kinds in kindsRead could not be read (RBAC bound per namespace). */
  namespacesForbidden?: NamespaceForbidden[];
  namespaces?: string[];
  serverVersion?: string;
  /**
   * With -n: pods of the other namespaces, kept only so node usage (what the scheduler subtracts from
   * allocatable) is complete. Never checked.
   */
  supporting?: LoadedObject[];
  /** Describe text: the moment it was captured (its ages are relative to that), to judge ages against. */
  capturedAt?: Date;
  /** Live mode: the connection the state was read through (for follow-up reads such as `diagnose --logs`). */
  client?: ClusterClient;
}

export async function loadClusterState(
  flags: ClusterFlags,
  types: readonly ResourceType[] = BUILTIN_RESOURCES,
  /** Snapshots only: the objects to keep before they are normalised (a live read keeps everything). */
  select?: SnapshotSelect,
): Promise<ClusterState> {
  if (flags.namespace && flags.allNamespaces)
    throw new UsageError('-n/--namespace and -A/--all-namespaces conflict');
  const namespaces = flags.namespace ? [flags.namespace] : flags.namespaces;
  if (flags.describe && flags.describe.length > 0) {
    if (flags.snapshot || flags.kubeconfig || flags.context)
      throw new UsageError(
        '--describe reads pasted text: it cannot be combined with --snapshot, --kubeconfig or --context',
      );
    return loadDescribeState(flags.describe, namespaces, inputBudget(flags));
  }
  if (flags.snapshot) {
    const snapshot = loadSnapshot(flags.snapshot, inputBudget(flags), select);
    const objects = namespaces
      ? snapshot.objects.filter((o) => !o.ref.namespace || namespaces.includes(o.ref.namespace))
      : snapshot.objects;
    const supporting = namespaces
      ? snapshot.objects.filter(
          (o) => o.ref.kind === 'Pod' && o.ref.namespace && !namespaces.includes(o.ref.namespace),
        )
      : [];
    const state: ClusterState = {
      objects,
      // What the snapshot could not read is as partial as a live read that was forbidden: said, not silent.
      problems: [
        ...snapshot.problems,
        ...(snapshot.metadata.kindsMissing ?? []).map(
          (m): Problem => ({
            kind: 'source',
            level: 'warning',
            message: `${m.kind}: not in the snapshot (${m.reason}); what needs it could not be checked`,
          }),
        ),
      ],
      source: { kind: 'snapshot', paths: [flags.snapshot], ...(namespaces ? { namespaces } : {}) },
      kindsRead: new Set(snapshot.metadata.kindsRead ?? snapshot.kindsPresent),
      kindsMissing: snapshot.metadata.kindsMissing ?? [],
    };
    if (snapshot.metadata.context) state.source.context = snapshot.metadata.context;
    if (snapshot.metadata.serverVersion) state.serverVersion = snapshot.metadata.serverVersion;
    const takenAt = snapshotTime(snapshot.metadata.takenAt, snapshot.objects);
    if (takenAt) state.capturedAt = takenAt;
    if (namespaces) state.namespaces = namespaces;
    if (supporting.length > 0) state.supporting = supporting;
    return state;
  }
  const timeout = Number(flags.requestTimeout ?? '30');
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new UsageError('--request-timeout must be a positive number');
  let client: ClusterClient;
  try {
    client = await ClusterClient.connect({
      ...(flags.inCluster ? { inCluster: true } : {}),
      ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
      ...(flags.context ? { context: flags.context } : {}),
      timeoutMs: timeout * 1000,
    });
  } catch (error) {
    if (error instanceof ConnectionError) throw new UsageError(error.message);
    throw error;
  }
  const started = performance.now();
  const progress = flags.progress !== false && process.stderr.isTTY;
  let loaded: Awaited<ReturnType<typeof loadCluster>>;
  try {
    const scope = {
      ...(namespaces ? { namespaces } : {}),
      ...(flags.partialByNamespace ? { partialByNamespace: true } : {}),
    };
    loaded = await loadCluster(client, types, scope, (message) => {
      if (progress) process.stderr.write(`\r\u001b[K${message}`);
    });
  } catch (error) {
    throw new UsageError(
      `cannot reach the API server ${client.server} (context "${client.context}"): ${(error as Error).message}`,
    );
  } finally {
    if (progress) process.stderr.write('\r\u001b[K');
  }
  if (loaded.kindsRead.length === 0 && loaded.kindsMissing.length > 0) {
    const reasons = [...new Set(loaded.kindsMissing.map((m) => m.reason))].join('; ');
    throw new UsageError(
      `could not read anything from ${client.server} (context "${client.context}"): ${reasons}`,
    );
  }
  // With -n, a Pending pod is explained against its nodes' full usage: read the other namespaces' pods too
  // (one more LIST, only when something in scope is Pending), or say that the explanation may be generous.
  let supporting: LoadedObject[] = [];
  const podType = types.find((t) => t.kind === 'Pod');
  if (namespaces && podType && loaded.objects.some(isUnscheduled)) {
    const all = await loadCluster(client, [podType], {});
    if (all.kindsRead.includes('Pod'))
      supporting = all.objects.filter((o) => !namespaces.includes(o.ref.namespace ?? ''));
    else
      loaded.problems.push({
        kind: 'source',
        level: 'warning',
        message:
          "pods of other namespaces cannot be listed: node usage is incomplete, so a Pending pod's scheduler explanation may overstate free capacity",
      });
  }
  if (flags.stats) {
    const s = client.stats;
    log(
      `stats: ${s.requests} requests (${s.retries} retries), ${(s.bytes / 1024 / 1024).toFixed(1)} MiB, ` +
        `${Math.round(performance.now() - started)} ms wall, ${types.length} kinds, ${loaded.objects.length} objects`,
    );
  }
  const state: ClusterState = {
    objects: loaded.objects,
    problems: loaded.problems,
    source: {
      kind: 'cluster',
      context: client.context,
      server: client.server,
      ...(namespaces ? { namespaces } : {}),
    },
    kindsRead: new Set(loaded.kindsRead),
    kindsMissing: loaded.kindsMissing,
    client,
  };
  if (loaded.namespacesForbidden.length > 0) state.namespacesForbidden = loaded.namespacesForbidden;
  if (loaded.serverVersion) state.serverVersion = loaded.serverVersion;
  if (namespaces) state.namespaces = namespaces;
  if (supporting.length > 0) state.supporting = supporting;
  return state;
}

function inputBudget(flags: ClusterFlags): InputBudget {
  return new InputBudget(parseMiB(flags.maxInputSize ?? String(DEFAULT_MAX_INPUT_MIB), '--max-input-size'));
}

function isUnscheduled(o: LoadedObject): boolean {
  if (o.ref.kind !== 'Pod') return false;
  const spec = o.object.spec as { nodeName?: unknown } | undefined;
  return (o.object.status as { phase?: unknown } | undefined)?.phase === 'Pending' && !spec?.nodeName;
}

function loadDescribeState(
  paths: readonly string[],
  namespaces: string[] | undefined,
  budget: InputBudget,
): ClusterState {
  const inputs: { name: string; text: string }[] = [];
  const problems: Problem[] = [];
  for (const path of paths) {
    try {
      inputs.push({ name: path === '-' ? '<stdin>' : path, text: readDescribeInput(path, budget) });
    } catch (error) {
      problems.push({
        kind: 'input',
        file: path,
        message:
          error instanceof InputLimitError
            ? error.message
            : `cannot read "${path}": ${(error as Error).message}`,
      });
    }
  }
  const loaded = loadDescribe(inputs);
  const objects = namespaces
    ? loaded.objects.filter((o) => !o.ref.namespace || namespaces.includes(o.ref.namespace))
    : loaded.objects;
  const state: ClusterState = {
    objects,
    problems: [
      ...problems,
      ...loaded.problems,
      ...loaded.limits.map((message): Problem => ({ kind: 'source', level: 'warning', message })),
    ],
    source: { kind: 'describe', paths: [...paths], ...(namespaces ? { namespaces } : {}) },
    kindsRead: new Set(loaded.kinds),
    kindsMissing: [],
  };
  if (namespaces) state.namespaces = namespaces;
  if (loaded.capturedAt) state.capturedAt = loaded.capturedAt;
  return state;
}

/**
 * When a snapshot was taken, so ages ("restarting for 5m", "pending for 2h") are judged as of then: our snapshots
 * record it; for `kubectl get -o yaml` Lists the newest node heartbeat or event stands in (kubelets post every few
 * seconds). A time in the future (clock skew) is not used.
 */
export function snapshotTime(
  takenAt: string | undefined,
  objects: readonly LoadedObject[],
): Date | undefined {
  const now = Date.now();
  const recorded = Date.parse(takenAt ?? '');
  if (!Number.isNaN(recorded)) return recorded <= now ? new Date(recorded) : undefined;
  let newest = Number.NEGATIVE_INFINITY;
  for (const o of objects) {
    const times: unknown[] = [];
    if (o.ref.kind === 'Node') {
      const conditions = (o.object.status as { conditions?: { lastHeartbeatTime?: unknown }[] } | undefined)
        ?.conditions;
      if (Array.isArray(conditions)) for (const c of conditions) times.push(c?.lastHeartbeatTime);
    } else if (o.ref.kind === 'Event') {
      const e = o.object as { lastTimestamp?: unknown; eventTime?: unknown };
      times.push(e.lastTimestamp, e.eventTime);
    } else continue;
    for (const t of times) {
      const ms = typeof t === 'string' ? Date.parse(t) : Number.NaN;
      if (!Number.isNaN(ms) && ms <= now && ms > newest) newest = ms;
    }
  }
  return Number.isFinite(newest) ? new Date(newest) : undefined;
}
