import { hpaTargetNotFound } from '../../checks/autoscaling/hpa-target-not-found.ts';
import { namespaceNotActive } from '../../checks/cluster/namespace-not-active.ts';
import { annotationsRequiredMissing } from '../../checks/configuration/annotations-required-missing.ts';
import { labelsRequiredMissing } from '../../checks/configuration/labels-required-missing.ts';
import { hygieneChecks } from '../../checks/hygiene/index.ts';
import { excluded, HYGIENE_DEFAULTS, type HygieneParams } from '../../checks/hygiene/shared.ts';
import { pdbSelectsNothing } from '../../checks/networking/pdb-selects-nothing.ts';
import { podStuckTerminating } from '../../checks/pods/pod-stuck-terminating.ts';
import { networkpolicySelectsNoPods } from '../../checks/services/networkpolicy-selects-no-pods.ts';
import { daemonsetNotScheduled } from '../../checks/workloads/daemonset-not-scheduled.ts';
import type { AnyCheck, RunSettings } from '../../core/check.ts';
import type { Config } from '../../core/config.ts';
import { type EngineResult, runChecks, type SelectedCheck, selectChecks } from '../../core/engine.ts';
import { ObjectIndex } from '../../core/index.ts';
import { buildReport, exitCodeFor, type Report } from '../../core/report.ts';
import { buildPlan, renderPlan } from '../../hygiene/plan.ts';
import { detectProfile, findProfile, type PlatformProfile, PROFILES } from '../../hygiene/profiles.ts';
import { BUILTIN_RESOURCES, type ResourceType } from '../../sources/cluster/resources.ts';
import { VERSION } from '../../version.ts';
import { type PendingWrite, prepareWrite } from '../../write/safe-write.ts';
import type { ClusterFlags } from '../cluster-flags.ts';
import { type ClusterState, loadClusterState } from '../cluster-options.ts';
import { loadConfig } from '../config-file.ts';
import { UsageError } from '../errors.ts';
import { log, render, useColor } from '../output.ts';
import { parseFailOn } from '../parse-flags.ts';
import { assertKnownSelection } from '../selection.ts';

export interface HygieneFlags extends ClusterFlags {
  output: string;
  failOn?: string;
  config?: string;
  include?: string[];
  exclude?: string[];
  color?: boolean;
  profile?: string;
  plan?: string;
}

/** Velero's kinds: read when installed (a 404 just means it is not, and is not worth a warning). */
export const VELERO_RESOURCES: readonly ResourceType[] = [
  { kind: 'Schedule', group: 'velero.io', version: 'v1', resource: 'schedules', namespaced: true },
  { kind: 'Backup', group: 'velero.io', version: 'v1', resource: 'backups', namespaced: true },
];

/**
 * Everything the sweep runs: the hygiene folder, plus diagnose's and review's checks that answer a hygiene
 * question already (one implementation per rule; docs/hygiene-rules.md lists which).
 */
export const HYGIENE_SWEEP_CHECKS: readonly AnyCheck[] = [
  ...hygieneChecks,
  hpaTargetNotFound,
  pdbSelectsNothing,
  networkpolicySelectsNoPods,
  podStuckTerminating,
  namespaceNotActive,
  daemonsetNotScheduled,
  labelsRequiredMissing,
  annotationsRequiredMissing,
];
const OWN = new Set(hygieneChecks.map((c) => c.id));
/** Review's required labels/annotations: in a sweep only when the team configured its own (the defaults are review's). */
const TEAM_RULES = new Set([labelsRequiredMissing.id, annotationsRequiredMissing.id]);

function teamConfigured(id: string, config: Config, include: readonly string[] = []): boolean {
  const own = config.checks[id];
  return (
    include.includes(id) || config.include.includes(id) || own?.enabled === true || own?.params !== undefined
  );
}

export interface HygieneRun {
  report: Report;
  result: EngineResult;
  index: ObjectIndex;
  profile?: PlatformProfile;
}

/** The sweep without printing: scan reuses it. */
export async function runHygiene(
  flags: Pick<HygieneFlags, 'profile' | 'include' | 'exclude'>,
  config: Config,
  state: ClusterState,
  now = new Date(),
): Promise<HygieneRun> {
  const profile = resolveProfile(flags.profile, state);
  // Hygiene is always judged on everything that was read; -n only narrows what is reported.
  const settings: RunSettings = { now, kindsRead: state.kindsRead };
  const index = new ObjectIndex(state.objects, { partial: false });
  const selected = selectChecks(HYGIENE_SWEEP_CHECKS, config, settings, {
    include: flags.include ?? [],
    exclude: flags.exclude ?? [],
  })
    .filter((s) => !TEAM_RULES.has(s.check.id) || teamConfigured(s.check.id, config, flags.include))
    .map(
      (s): SelectedCheck =>
        profile && 'excludeNamespaces' in s.params
          ? { ...s, params: { ...withProfile(s.params as unknown as HygieneParams, profile) } }
          : s,
    );
  const result = runChecks(index, selected, settings);
  // Reused checks do not know the exclusions: apply them to their findings here.
  const exclusions = profile ? withProfile(HYGIENE_DEFAULTS, profile) : HYGIENE_DEFAULTS;
  result.findings = result.findings.filter((f) => OWN.has(f.check) || !excluded(f.object, exclusions));
  if (state.namespaces) narrowToNamespaces(result, index, state.namespaces);
  const report = buildReport({
    version: VERSION,
    command: 'hygiene',
    source: state.source,
    objects: state.objects.length,
    findings: result.findings,
    problems: [...state.problems, ...result.problems],
  });
  return { report, result, index, ...(profile ? { profile } : {}) };
}

export async function hygiene(flags: HygieneFlags): Promise<number> {
  const config = loadConfig(flags.config);
  assertKnownSelection(HYGIENE_SWEEP_CHECKS, flags, 'hygiene');
  const failOn = parseFailOn(flags.failOn ?? config.failOn ?? 'high');
  if (flags.profile && flags.profile !== 'none' && !findProfile(flags.profile))
    throw new UsageError(
      `unknown --profile "${flags.profile}": one of ${PROFILES.map((p) => p.name).join(', ')}, none`,
    );
  // The plan file is opened before the cluster is read, so an unwritable destination fails at once.
  const planOutput = flags.plan ? prepareWrite(flags.plan) : undefined;
  try {
    return await sweep(flags, config, failOn, planOutput);
  } finally {
    planOutput?.abort();
  }
}

async function sweep(
  flags: HygieneFlags,
  config: Config,
  failOn: ReturnType<typeof parseFailOn>,
  planOutput: PendingWrite | undefined,
): Promise<number> {
  const state = await loadClusterState(flags, [...BUILTIN_RESOURCES, ...VELERO_RESOURCES]);
  const { report, result, index, profile } = await runHygiene(flags, config, state);
  if (profile)
    log(`hygiene: platform profile "${profile.name}" (${profile.title}): its own objects are not reported`);
  if (flags.plan && planOutput) {
    const { plan, skipped } = buildPlan(result.findings, index, {
      createdAt: new Date().toISOString(),
      context: state.source.context ?? '',
      server: state.source.server ?? '',
      source:
        state.source.kind === 'snapshot'
          ? `snapshot ${state.source.paths?.join(', ') ?? ''}`
          : state.source.kind,
    });
    if (!plan.metadata.context && !plan.metadata.server)
      throw new UsageError(
        'cannot write a plan: the source does not say which cluster it is (no context or server)',
      );
    for (const note of planOutput.commit(renderPlan(plan)).notes) log(`note: ${note}`);
    for (const s of skipped) log(`plan: left out ${s}`);
    log(
      `plan: ${plan.items.length} object(s) written to ${flags.plan}; review it, then run: shipshape apply-plan ${flags.plan}`,
    );
  }
  process.stdout.write(render(report, flags.output, { color: useColor(process.stdout, flags.color) }));
  return exitCodeFor(report, failOn);
}

/** Cluster-scoped findings that depend on nothing outside the object itself, so -n does not change them. */
const SELF_CONTAINED = new Set(['pv-released', 'namespace-not-active']);

/**
 * With -n only those namespaces were read, so what other namespaces hold is unknown: a ClusterRole may be bound
 * by a RoleBinding elsewhere, a binding's ServiceAccount may live elsewhere, another namespace may not be empty.
 * Keep only what the read namespaces can prove, and say so.
 */
function narrowToNamespaces(result: EngineResult, index: ObjectIndex, namespaces: readonly string[]): void {
  const inScope = (ns: unknown) => typeof ns === 'string' && namespaces.includes(ns);
  let dropped = 0;
  result.findings = result.findings.filter((f) => {
    let keep = true;
    if (f.check === 'namespace-empty' || f.object.kind === 'Namespace') keep = inScope(f.object.name);
    else if (f.object.namespace === undefined) keep = SELF_CONTAINED.has(f.check);
    else if (f.check === 'rolebinding-unused') {
      const binding = index.get(f.object.kind, f.object.namespace, f.object.name);
      const subjects = Array.isArray(binding?.object.subjects) ? binding.object.subjects : [];
      keep = subjects.every((s) => inScope((s as { namespace?: unknown })?.namespace ?? f.object.namespace));
    }
    if (!keep) dropped++;
    return keep;
  });
  if (dropped > 0)
    result.problems.push({
      kind: 'source',
      level: 'warning',
      message: `-n ${namespaces.join(',')}: ${dropped} finding(s) about cluster-scoped objects, other namespaces or bindings to ServiceAccounts elsewhere were left out, because the namespaces that were not read could use them; sweep without -n to judge them`,
    });
}

function resolveProfile(name: string | undefined, state: ClusterState): PlatformProfile | undefined {
  if (name === 'none') return undefined;
  if (name) {
    const found = findProfile(name);
    if (!found) throw new UsageError(`unknown --profile "${name}"`);
    return found;
  }
  return detectProfile(state.objects);
}

function withProfile(params: HygieneParams, profile: PlatformProfile): HygieneParams {
  return {
    ...params,
    excludeNamespaces: [...(params.excludeNamespaces ?? []), ...profile.namespaces],
    excludeNames: [...(params.excludeNames ?? []), ...profile.names],
  };
}
