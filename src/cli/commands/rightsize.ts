// `shipshape rightsize`: CPU and memory recommendations per container from Prometheus history (or, without it,
// a point-in-time estimate from the metrics API), as rightsize-* findings with a savings summary; --fix writes
// the values into the manifests. Formulas: docs/decisions/0065-rightsize.md.

import { RIGHTSIZE_CHECKS } from '../../checks/registry.ts';
import { append } from '../../core/append.ts';
import type { RunSettings } from '../../core/check.ts';
import { runChecks, selectChecks } from '../../core/engine.ts';
import { ObjectIndex } from '../../core/index.ts';
import type { LoadedObject } from '../../core/object.ts';
import type { Problem } from '../../core/problem.ts';
import { buildReport, exitCodeFor, type RightsizeSection, type SourceInfo } from '../../core/report.ts';
import { containerName, containersOf } from '../../k8s/workloads.ts';
import { attachRecommendations } from '../../rightsize/attach.ts';
import { currentOf, fromMetricsApi, fromPrometheus, sectionContainer } from '../../rightsize/run.ts';
import { DEFAULT_PRICES, type Prices, savingsOf } from '../../rightsize/savings.ts';
import { parseDuration } from '../../rightsize/stats.ts';
import { DEFAULT_POLICY, type Policy, type Recommendation } from '../../rightsize/types.ts';
import { SIZED_KINDS, Workloads } from '../../rightsize/workloads.ts';
import { BUILTIN_RESOURCES } from '../../sources/cluster/resources.ts';
import { loadFiles } from '../../sources/files/load-files.ts';
import { InputBudget } from '../../sources/read-input.ts';
import { VERSION } from '../../version.ts';
import type { ClusterFlags } from '../cluster-flags.ts';
import { type ClusterState, loadClusterState } from '../cluster-options.ts';
import { loadConfig } from '../config-file.ts';
import { UsageError } from '../errors.ts';
import { log, useColor, writeReport } from '../output.ts';
import { parseFailOn, parseMiB } from '../parse-flags.ts';

export interface RightsizeFlags extends ClusterFlags {
  prometheus?: string;
  history: string;
  at?: string;
  step: string;
  prometheusTimeout: string;
  prometheusBatch: string;
  cpuPercentile: string;
  cpuLimit: string;
  startupWindow: string;
  priceCpu?: string;
  priceMemory?: string;
  priceNode?: string;
  output: string;
  failOn?: string;
  config?: string;
  color?: boolean;
  fix?: boolean;
  fixDiff?: boolean;
  maxFileSize?: string;
}

const KINDS = new Set([...SIZED_KINDS, 'HorizontalPodAutoscaler', 'Node']);

export async function rightsize(paths: string[], flags: RightsizeFlags): Promise<number> {
  const config = loadConfig(flags.config);
  const failOn = parseFailOn(flags.failOn ?? config.failOn ?? 'high');
  const policy = policyOf(flags);
  const prices = pricesOf(flags);
  const fixMode = flags.fixDiff ? 'diff' : flags.fix ? 'write' : undefined;
  if (fixMode && paths.length === 0)
    throw new UsageError(
      '--fix writes into manifests: name the files or directories that hold the workloads',
    );
  const progress = flags.progress === false ? undefined : (m: string) => log(m);

  let objects: LoadedObject[];
  let nodesAndPods: LoadedObject[] = [];
  const problems: Problem[] = [];
  let source: SourceInfo;
  let client: ClusterState['client'];
  if (!flags.prometheus && (paths.length > 0 || flags.snapshot))
    throw new UsageError(
      'without --prometheus, rightsize reads the metrics API of a live cluster (a point-in-time estimate): drop the files and --snapshot, or give --prometheus <url>',
    );
  if (paths.length > 0) {
    const loaded = loadFiles(paths, {
      excludePaths: config.excludePaths,
      maxFileBytes: parseMiB(flags.maxFileSize ?? '32', '--max-file-size'),
      budget: new InputBudget(parseMiB(flags.maxInputSize ?? '512', '--max-input-size')),
    });
    objects = loaded.objects;
    append(problems, loaded.problems);
    source = { kind: 'files', paths };
  } else {
    const state = await loadClusterState(
      flags,
      BUILTIN_RESOURCES.filter((t) => KINDS.has(t.kind)),
    );
    objects = state.objects;
    client = state.client;
    nodesAndPods = state.objects.filter((o) => o.ref.kind === 'Node' || o.ref.kind === 'Pod');
    append(problems, state.problems);
    source = state.source;
  }
  const namespaces = flags.namespace ? [flags.namespace] : undefined;
  const workloads = new Workloads(
    namespaces ? objects.filter((o) => !o.ref.namespace || namespaces.includes(o.ref.namespace)) : objects,
  );

  let recommendations: Recommendation[] = [];
  let section: Partial<RightsizeSection> = {};
  let unmatched = 0;
  if (flags.prometheus) {
    const history = duration(flags.history, '--history');
    const step = duration(flags.step, '--step');
    if (step < 60)
      throw new UsageError('--step must be at least 1m (the rate window must hold several scrapes)');
    if (history < step * 2) throw new UsageError('--history must cover at least two steps');
    const end = Math.floor(endOf(flags.at) / step) * step;
    const timeout = Number(flags.prometheusTimeout);
    if (!Number.isFinite(timeout) || timeout <= 0)
      throw new UsageError('--prometheus-timeout must be a positive number of seconds');
    const batch = Number(flags.prometheusBatch);
    if (!Number.isInteger(batch) || batch < 1)
      throw new UsageError('--prometheus-batch must be a positive whole number of series');
    const started = performance.now();
    try {
      const result = await fromPrometheus(workloads, {
        url: flags.prometheus,
        end,
        history: Math.floor(history / step) * step,
        step,
        timeoutMs: timeout * 1000,
        seriesPerBatch: batch,
        pointsPerQuery: 1_000_000,
        ...(namespaces ? { namespaces } : {}),
        policy,
        ...(progress ? { progress } : {}),
      });
      recommendations = result.recommendations;
      append(problems, result.problems);
      unmatched = result.unmatched;
      section.prometheus = {
        url: flags.prometheus,
        queries: result.stats.queries,
        bytes: result.stats.bytes,
        seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
      };
      if (flags.stats)
        log(
          `stats: prometheus: ${result.stats.queries} requests, ${(result.stats.bytes / 2 ** 20).toFixed(1)} MiB, ${((performance.now() - started) / 1000).toFixed(2)} s`,
        );
    } catch (error) {
      if (!(error instanceof Error) || error.name !== 'PrometheusError') throw error;
      problems.push({
        kind: 'source',
        message: `${error.message}; no recommendation was made, the current requests are shown`,
      });
    }
    section = {
      ...section,
      mode: 'history',
      window: {
        start: new Date((end - history) * 1000).toISOString(),
        end: new Date(end * 1000).toISOString(),
        stepSeconds: step,
      },
    };
  } else {
    section.mode = 'point-in-time';
    if (client) {
      const estimate = await fromMetricsApi(client, objects, workloads, policy, namespaces);
      recommendations = estimate.recommendations;
      append(problems, estimate.problems);
    }
  }

  const settings: RunSettings = { now: new Date() };
  const index = new ObjectIndex(objects, { partial: paths.length > 0 });
  attachRecommendations(index, recommendations, policy);
  const selected = selectChecks(RIGHTSIZE_CHECKS, config, settings);
  const result = runChecks(index, selected, settings, { fixes: fixMode !== undefined });

  const byId = new Map(
    recommendations.map((r) => [`${r.key.namespace}/${r.key.kind}/${r.key.name}/${r.key.container}`, r]),
  );
  const containers = [];
  const sized = [];
  for (const w of workloadList(workloads, objects, namespaces)) {
    for (const container of w.containers) {
      const key = { namespace: w.namespace, kind: w.kind, name: w.name, container };
      const r = byId.get(`${w.namespace}/${w.kind}/${w.name}/${container}`);
      const current = currentOf(workloads, key);
      // A DaemonSet runs one pod per node: the nodes read (1 when none were, e.g. from files).
      const replicas =
        w.kind === 'DaemonSet'
          ? Math.max(1, nodesAndPods.filter((o) => o.ref.kind === 'Node').length)
          : workloads.replicas(w.namespace, w.kind, w.name);
      if (r) {
        containers.push(sectionContainer(r, current, replicas));
        sized.push({ recommendation: r, current, replicas });
      } else {
        containers.push({
          ...key,
          role: workloads.roleOf(key),
          confidence: 'none' as const,
          days: 0,
          replicas,
          cpu: { current: pick(current.cpuRequest, current.cpuLimit), evidence: [] },
          memory: { current: pick(current.memoryRequest, current.memoryLimit), evidence: [] },
          ooms: [],
        });
      }
    }
  }
  const savings = savingsOf(
    sized,
    prices,
    nodesAndPods.filter((o) => o.ref.kind === 'Node'),
    nodesAndPods.filter((o) => o.ref.kind === 'Pod'),
  );
  const report = buildReport({
    version: VERSION,
    command: 'rightsize',
    source,
    objects: objects.length,
    findings: result.findings,
    problems: [...problems, ...result.problems],
  });
  report.rightsize = {
    mode: section.mode ?? 'history',
    ...(section.window ? { window: section.window } : {}),
    ...(section.prometheus ? { prometheus: section.prometheus } : {}),
    containers,
    unmatched,
    savings,
  };

  if (fixMode) {
    const { describeOutcome, runFix } = await import('../../fix/run-fix.ts');
    const outcome = runFix(fixMode, { findings: result.findings, objects, selected, settings, roots: paths });
    for (const line of describeOutcome(outcome)) log(line);
    if (fixMode === 'diff') {
      process.stdout.write(outcome.diff);
      return exitCodeFor(report, failOn);
    }
  }
  await writeReport(process.stdout, report, flags.output, { color: useColor(process.stdout, flags.color) });
  return exitCodeFor(report, failOn);
}

function pick(request: number | undefined, limit: number | undefined) {
  return { ...(request !== undefined ? { request } : {}), ...(limit !== undefined ? { limit } : {}) };
}

function workloadList(
  workloads: Workloads,
  objects: readonly LoadedObject[],
  namespaces: string[] | undefined,
) {
  const out: { namespace: string; kind: string; name: string; containers: string[] }[] = [];
  for (const o of objects) {
    const namespace = o.ref.namespace ?? 'default';
    if (namespaces && !namespaces.includes(namespace)) continue;
    if (!workloads.get(namespace, o.ref.kind, o.ref.name)) continue;
    out.push({
      namespace,
      kind: o.ref.kind,
      name: o.ref.name,
      containers: containersOf(o.object, ['containers', 'initContainers']).map((c) =>
        containerName(c.container),
      ),
    });
  }
  return out;
}

function duration(text: string, flag: string): number {
  const seconds = parseDuration(text);
  if (seconds === undefined)
    throw new UsageError(`${flag} must be a duration such as 14d, 36h or 90m (got "${text}")`);
  return seconds;
}

/** --at: RFC 3339 or seconds since the epoch; default now. */
function endOf(at: string | undefined): number {
  if (at === undefined) return Math.floor(Date.now() / 1000);
  if (/^\d+(\.\d+)?$/.test(at)) return Number(at);
  const ms = Date.parse(at);
  if (Number.isNaN(ms))
    throw new UsageError(`--at must be an RFC 3339 time or seconds since the epoch (got "${at}")`);
  return Math.floor(ms / 1000);
}

function policyOf(flags: RightsizeFlags): Policy {
  const percentile = Number(flags.cpuPercentile);
  if (!Number.isFinite(percentile) || percentile <= 0 || percentile > 100)
    throw new UsageError('--cpu-percentile must be a number in (0, 100], e.g. 95');
  if (!['none', 'keep', 'required'].includes(flags.cpuLimit))
    throw new UsageError(`--cpu-limit must be none, keep or required (got "${flags.cpuLimit}")`);
  return {
    ...DEFAULT_POLICY,
    cpuPercentile: percentile / 100,
    cpuLimit: flags.cpuLimit as Policy['cpuLimit'],
    startupSeconds: duration(flags.startupWindow, '--startup-window'),
  };
}

function pricesOf(flags: RightsizeFlags): Prices {
  const price = (value: string | undefined, flag: string, fallback?: number) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0)
      throw new UsageError(`${flag} must be a price in dollars per hour, e.g. 0.0316`);
    return n;
  };
  const node = price(flags.priceNode, '--price-node');
  return {
    cpuCoreHour: price(flags.priceCpu, '--price-cpu', DEFAULT_PRICES.cpuCoreHour)!,
    memoryGiBHour: price(flags.priceMemory, '--price-memory', DEFAULT_PRICES.memoryGiBHour)!,
    ...(node !== undefined ? { nodeHour: node } : {}),
  };
}
