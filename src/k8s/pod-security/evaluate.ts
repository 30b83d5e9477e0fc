// Evaluates pods and pod templates against a Pod Security Standards level at a policy version, the way the
// pod-security-admission library's registry does: per version, the newest implementation of each control
// not newer than that version; at restricted, every baseline control plus the restricted ones, minus the
// baseline controls a restricted control overrides (restrictedVolumes replaces hostPathVolumes, and so on).
import type { Fix, Issue, PodSecurityLevel, RunSettings } from '../../core/check.ts';
import type { KubeObject } from '../../core/object.ts';
import type { Path } from '../../core/path.ts';
import { podSpecOf } from '../workloads.ts';
import {
  CONTROLS,
  type Control,
  type ControlResult,
  NEWEST_POLICY_MINOR,
  type PodView,
  type PsaControlId,
  podView,
  type VersionedControl,
} from './controls.ts';
import { type Rec, rec } from './shape.ts';
import { policyMinor } from './version.ts';

export type { PsaControlId, Violation } from './controls.ts';
export { NEWEST_POLICY_MINOR } from './controls.ts';

const CONTROL_BY_ID = new Map(CONTROLS.map((c) => [c.id, c]));

export function controlById(id: PsaControlId): Control {
  const control = CONTROL_BY_ID.get(id);
  if (!control) throw new Error(`unknown Pod Security control ${id}`);
  return control;
}

const inEffectCache = new Map<string, ReadonlyMap<PsaControlId, VersionedControl>>();

/** The controls evaluated at a level and policy minor version, in upstream order (baseline ids, then restricted). */
export function controlsInEffect(
  level: PodSecurityLevel,
  minor: number,
): ReadonlyMap<PsaControlId, VersionedControl> {
  const key = `${level}/${minor}`;
  const cached = inEffectCache.get(key);
  if (cached) return cached;
  const versionOf = (control: Control) => control.versions.findLast((v) => v.since <= minor);
  const byId = new Map<PsaControlId, VersionedControl>();
  const baseline = CONTROLS.filter((c) => c.level === 'baseline');
  const restricted = level === 'restricted' ? CONTROLS.filter((c) => c.level === 'restricted') : [];
  const overridden = new Set<PsaControlId>();
  for (const control of restricted) for (const id of versionOf(control)?.overrides ?? []) overridden.add(id);
  const sortedIds = (controls: Control[]) => controls.map((c) => c.id).sort();
  for (const id of [...sortedIds(baseline), ...sortedIds(restricted)]) {
    if (overridden.has(id)) continue;
    const version = versionOf(controlById(id));
    if (version) byId.set(id, version);
  }
  inEffectCache.set(key, byId);
  return byId;
}

/** Kinds whose pod template pod-security-admission evaluates (its DefaultPodSpecExtractor), plus OpenShift's DeploymentConfig. */
export const POD_SECURITY_KINDS: readonly string[] = [
  'Pod',
  'PodTemplate',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'DaemonSet',
  'StatefulSet',
  'Job',
  'CronJob',
  'DeploymentConfig',
];

export interface PodAt {
  view: PodView;
  /** Where the pod spec and the pod metadata live inside the object. */
  specPath: Path;
  metadataPath: Path;
}

/** The pod (metadata and spec) of a Pod or a workload's template; undefined when there is none. */
export function podOf(object: unknown): PodAt | undefined {
  const root = rec(object);
  if (!root) return undefined;
  if (typeof root.kind !== 'string') {
    // A bare {metadata, spec} pod-like value.
    const spec = rec(root.spec);
    return spec
      ? { view: podView(root.metadata, spec), specPath: ['spec'], metadataPath: ['metadata'] }
      : undefined;
  }
  if (!POD_SECURITY_KINDS.includes(root.kind)) return undefined;
  const pod = podSpecOf(root as KubeObject);
  if (!pod) return undefined;
  const metadataPath = root.kind === 'Pod' ? ['metadata'] : [...pod.path.slice(0, -1), 'metadata'];
  let metadata: unknown = root;
  for (const segment of metadataPath) metadata = rec(metadata)?.[segment];
  return { view: podView(metadata, pod.spec as Rec), specPath: pod.path, metadataPath };
}

export interface ControlOutcome extends ControlResult {
  control: PsaControlId;
  /** The shipshape check that reports this control. */
  check: string;
}

export interface PodSecurityEvaluation {
  level: PodSecurityLevel;
  /** The policy version evaluated, "1.NN" (the requested one, clamped to the newest policy known). */
  version: string;
  allowed: boolean;
  /** Forbidden controls only, in upstream order. */
  results: ControlOutcome[];
}

/**
 * Evaluates a pod-like value (a Pod, a workload with a pod template, or a bare {metadata, spec}) at a level
 * and version ("1.NN", "v1.NN" or undefined for the newest). Pure; the result names the upstream control ids
 * and reasons so it compares directly with a real admission controller's warnings.
 */
export function evaluatePod(
  podLike: unknown,
  level: PodSecurityLevel,
  version?: string,
): PodSecurityEvaluation {
  const minor = policyMinor(version, NEWEST_POLICY_MINOR);
  const results: ControlOutcome[] = [];
  const pod = podOf(podLike);
  if (pod) {
    for (const [id, versioned] of controlsInEffect(level, minor)) {
      const outcome = versioned.evaluate(pod.view);
      if (outcome) results.push({ control: id, check: controlById(id).checkId, ...outcome });
    }
  }
  return { level, version: `1.${minor}`, allowed: results.length === 0, results };
}

/**
 * The issues of one control for one object under the run's settings (what a pss-* check yields). Without
 * --pod-security-level (a check enabled by hand), the control is evaluated at its own level.
 */
export function* podSecurityIssues(
  id: PsaControlId,
  object: KubeObject,
  settings: RunSettings,
): Generator<Issue> {
  const control = controlById(id);
  const level = settings.podSecurityLevel ?? control.level;
  const minor = policyMinor(settings.kubeVersion, NEWEST_POLICY_MINOR);
  const versioned = controlsInEffect(level, minor).get(id);
  if (!versioned) return;
  const pod = podOf(object);
  if (!pod) return;
  const outcome = versioned.evaluate(pod.view);
  if (!outcome) return;
  for (const violation of outcome.violations) {
    const base = violation.in === 'spec' ? pod.specPath : pod.metadataPath;
    const issue: Issue = {
      message: `${outcome.reason} (${violation.detail})`,
      path: [...base, ...violation.path],
    };
    if (violation.fix) issue.fix = rebase(violation.fix, base);
    yield issue;
  }
}

function rebase(fix: Fix, base: Path): Fix {
  return { ...fix, edits: fix.edits.map((edit) => ({ ...edit, path: [...base, ...edit.path] })) };
}

/** isActive for a control's check: baseline controls run at both levels, restricted ones only at restricted. */
export function activeAt(level: PodSecurityLevel): (settings: RunSettings) => boolean {
  return (settings) =>
    level === 'baseline'
      ? settings.podSecurityLevel !== undefined
      : settings.podSecurityLevel === 'restricted';
}
