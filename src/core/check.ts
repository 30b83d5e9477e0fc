import type { ObjectIndex } from './index.ts';
import type { LoadedObject } from './object.ts';
import type { Path } from './path.ts';
import type { Severity } from './severity.ts';

export const CATEGORIES = [
  'schema',
  'security',
  'reliability',
  'efficiency',
  'networking',
  'scheduling',
  'rbac',
  'configuration',
  'upgrade',
  'hygiene',
  'certificates',
  'pod-security',
  'alerting',
] as const;
export type Category = (typeof CATEGORIES)[number];

export type PodSecurityLevel = 'baseline' | 'restricted';

/** Run-wide settings a check may read. Never policy: enabling, severities and ignores are the engine's job. */
export interface RunSettings {
  /** Target Kubernetes minor version, e.g. "1.34". */
  kubeVersion?: string;
  podSecurityLevel?: PodSecurityLevel;
  now: Date;
  /** For cluster sources: kinds read completely. A check needing an absent kind must not guess. */
  kindsRead?: ReadonlySet<string>;
  /** Live cluster only: the version the API server reports, e.g. "v1.34.4". */
  serverVersion?: string;
}

export interface CheckContext<P> {
  index: ObjectIndex;
  params: P;
  settings: RunSettings;
}

/** A mechanical edit that a fix applies to the object's source. */
export type FixEdit =
  | { op: 'set'; path: Path; value: unknown }
  | { op: 'remove'; path: Path }
  | { op: 'append'; path: Path; value: unknown };

export interface Fix {
  description: string;
  edits: FixEdit[];
  /**
   * `safe`: the edit cannot stop a working workload, so `--fix` applies it. `suggested`: it may (an image that
   * writes to its filesystem, runs as root, needs a default capability, …), so only `--fix=suggested` applies
   * it and `--fix=diff` lists it as a comment. Decision 0037.
   */
  safety: 'safe' | 'suggested';
  /** For a suggested fix: what it may break, in a few words. */
  risk?: string;
}

/** What a check yields: the engine adds the metadata, the position and the policy. */
export interface Issue {
  message: string;
  path?: Path;
  /**
   * For a finding without a path when one object can have several of this check (a label key, an event reason,
   * a certificate's SHA-256): what tells them apart in the fingerprint. Never a number that changes while the
   * problem stays (counts, ages, dates).
   */
  locator?: string;
  /** The object the finding is about, when it is not the one being checked. */
  target?: LoadedObject;
  /** Overrides the check's severity for this one issue (e.g. info when the set may be partial). */
  severity?: Severity;
  /**
   * Steps up (+) or down (-) from the check's configured severity for this one issue, e.g. by the scope and the
   * holder of an RBAC grant; bounded by critical and info. Ignored when `severity` is set.
   */
  severityShift?: number;
  /**
   * The finding that states this issue's root cause, when both are reported (e.g. exec into pods granted by a
   * binding that grants everything): the engine links the two by fingerprint (`relatedTo`) instead of stacking.
   */
  relatedTo?: { check: string; path?: Path; target?: LoadedObject };
  fix?: Fix;
  /**
   * The fix for the reason this issue found, with the names and numbers that decide it. The check's remediation
   * (every reason it knows) is the fallback when the analysis could not tell which reason applies.
   */
  remedy?: string;
  /** Facts that support the finding (cluster analyzers): conditions, events, exit codes, log lines. */
  evidence?: string[];
  /** Findings with the same cause key are grouped by diagnose into one cause. */
  cause?: CauseHint;
}

/** Lets diagnose group findings that share a root cause (e.g. one missing ConfigMap breaking five pods). */
export interface CauseHint {
  /** Same key = same cause, e.g. "configmap-missing/shop/app-config". */
  key: string;
  /** One line naming the root cause. */
  summary: string;
  /** Exact commands to run next. */
  nextSteps?: string[];
  /** The workload the failing pods belong to ("Deployment shop/checkout"), for impact counts. */
  workload?: string;
  /** Failing pods this finding accounts for. */
  pods?: number;
  /**
   * Objects whose own findings explain this one (a pod waits for its claim, a Service for its pods): diagnose
   * lists this finding under their cause as a consequence instead of as a cause of its own.
   */
  upstream?: UpstreamRef[];
}

/** An object whose findings (of these checks, when given) are the reason for another finding. */
export interface UpstreamRef {
  kind: string;
  namespace?: string;
  name: string;
  checks?: readonly string[];
}

/** How a check's id maps to what peers call the same rule (for corpus scoring and docs). */
export interface PeerMapping {
  polaris?: string[];
  'kube-linter'?: string[];
  kubeconform?: string[];
  'pod-security'?: string[];
  kubescape?: string[];
  k8sgpt?: string[];
  popeye?: string[];
  kor?: string[];
  pluto?: string[];
}

export interface CheckMeta<P = Record<string, never>> {
  /** Stable kebab-case id, equal to the file name. */
  id: string;
  title: string;
  severity: Severity;
  category: Category;
  description: string;
  remediation: string;
  /** Upstream sources of truth. */
  docs?: string[];
  /** Kinds the check looks at; the engine only hands it those. */
  appliesTo: readonly string[] | 'all';
  /** Off unless enabled by config, --include, or isActive. */
  enabledByDefault?: boolean;
  /** Turns the check on for a run regardless of the default (e.g. pss-* when --pod-security-level is set). */
  isActive?: (settings: RunSettings) => boolean;
  params?: P;
  peers?: PeerMapping;
  /**
   * Params under which this check equals a mapped peer check whose built-in threshold differs from ours, by peer
   * and peer check id (e.g. kube-linter minimum-three-replicas → { minReplicas: 3 }). Corpus scoring applies them.
   */
  peerParams?: { [peer in keyof PeerMapping]?: Record<string, Partial<P>> };
  /** When the check's fix is offered as safe and when only as suggested (the runbook's "Automatic fix"). */
  fixes?: { safe?: string; suggested?: string };
  /** Optional YAML snippets for the runbook's "Example" section: what fires, and the fixed version. */
  example?: { bad: string; good?: string };
  /**
   * Kinds the check must see completely to be right (e.g. "unused ConfigMap" needs every Pod). When a cluster
   * source could not read one of them, the engine skips the check and says so instead of guessing.
   */
  requires?: readonly string[];
  /**
   * Keys of the derived indexes (ObjectIndex.memo) the check reads. The engine forgets each index once its last
   * reader in the run has checked every object, so a large review does not hold them all at once (decision 0046).
   * An index read but not listed is still built on demand: only memory is at stake.
   */
  indexes?: readonly string[];
}

export interface Check<P = Record<string, never>> extends CheckMeta<P> {
  check(object: LoadedObject, context: CheckContext<P>): Iterable<Issue>;
}

/** The identity function that gives a check its type; kept so every check file reads the same. */
export function defineCheck<P = Record<string, never>>(check: Check<P>): Check<P> {
  return check;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds checks of every parameter type.
export type AnyCheck = Check<any>;
