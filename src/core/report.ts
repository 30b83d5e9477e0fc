// THE JSON contract (docs/json-output.md). Field names here are stable; add, never rename.
import type { Finding } from './finding.ts';
import type { Problem, SkippedFile } from './problem.ts';
import { atOrAbove, SEVERITIES, type Severity } from './severity.ts';

/** Findings that share a root cause (diagnose). */
export interface Cause {
  id: string;
  summary: string;
  severity: Severity;
  impact: { namespaces: string[]; workloads: string[]; pods: number };
  /** Indexes into the report's findings: the root findings first, then their consequences. */
  findings: number[];
  /** The findings that are the cause itself (several when one root breaks several objects alike). */
  root: number[];
  /** Findings that follow from the root, each with the finding it follows from (`of`), nearest first. */
  consequences: CauseConsequence[];
  /** The fix for the reason found at the root, with the names and numbers that decide it. */
  fix: string;
  nextSteps: string[];
  runbook: string;
  /** Added by `diagnose --logs` (live): the log tail of one representative pod's container. */
  logs?: CauseLog[];
}

/** A finding explained by another finding of the same cause: a pod waiting for its claim, a Service for its pods. */
export interface CauseConsequence {
  /** Index into the report's findings. */
  finding: number;
  /** Index of the finding it follows from: a root finding or another consequence. */
  of: number;
}

/** A container's log tail: lines stripped of terminal escapes, secret-looking values redacted, long lines cut. */
export interface CauseLog {
  namespace: string;
  pod: string;
  container: string;
  /** The previous (crashed) instance of the container was read. */
  previous: boolean;
  lines: string[];
  /** The API server stopped at the byte limit: the last line may be cut. */
  truncated?: boolean;
  /** Why the log could not be read ("forbidden: …", "kubelet unreachable: …"); `lines` is empty then. */
  error?: string;
}

/** A finding as the JSON contract has it: the internal fix and cause are not part of it. */
export type PublicFinding = Omit<Finding, 'fix' | 'cause' | 'build'>;

export interface SourceInfo {
  kind: 'files' | 'snapshot' | 'cluster' | 'describe';
  /** Paths for files, the snapshot file, or the context/server for a cluster. */
  paths?: string[];
  context?: string;
  server?: string;
  namespaces?: string[];
}

export interface ReportError {
  file?: string;
  line?: number;
  column?: number;
  object?: string;
  message: string;
  /** Absent means error. */
  level?: 'warning';
}

export interface Report {
  tool: { name: 'shipshape'; version: string };
  command: string;
  source: SourceInfo;
  summary: {
    objects: number;
    findings: number;
    suppressed: number;
    bySeverity: Record<Severity, number>;
  };
  findings: PublicFinding[];
  errors: ReportError[];
  /** Review of files: files met while walking directories that were not reviewed on purpose, with the reason. */
  skipped?: SkippedFile[];
  /** Added by upgrade: the target version and whether the cluster is ready for it. */
  upgrade?: { target: string; verdict: 'ready' | 'ready-with-warnings' | 'blocked' };
  /** Added by diagnose: findings grouped by shared cause, most impactful first. */
  causes?: Cause[];
  /** Added by rightsize: every container's recommendation (changed or not) and what it saves. */
  rightsize?: RightsizeSection;
}

/** CPU in cores, memory in bytes. */
export interface RightsizeResources {
  request?: number;
  /** null: no limit. */
  limit?: number | null;
}

export interface RightsizeContainer {
  namespace: string;
  kind: string;
  name: string;
  container: string;
  role: 'app' | 'sidecar' | 'init';
  confidence: 'none' | 'low' | 'medium' | 'high';
  /** Days of usage data behind the recommendation. */
  days: number;
  replicas: number;
  cpu: { current: RightsizeResources; recommended?: RightsizeResources; held?: string; evidence: string[] };
  memory: {
    current: RightsizeResources;
    recommended?: RightsizeResources;
    held?: string;
    evidence: string[];
  };
  /** Share of steps throttled above the policy's threshold. */
  throttled?: number;
  ooms: { at: string; limit?: number }[];
  hpa?: {
    name: string;
    before: { median: number; p99: number; max: number; meanRequestedCores: number };
    after: { median: number; p99: number; max: number; meanRequestedCores: number };
  };
}

export interface RightsizeSection {
  /** `history`: from Prometheus; `point-in-time`: from the metrics API, one moment, labelled an estimate. */
  mode: 'history' | 'point-in-time';
  window?: { start: string; end: string; stepSeconds: number };
  prometheus?: { url: string; queries: number; bytes: number; seconds: number };
  containers: RightsizeContainer[];
  /** Containers in history with no workload among the objects read (deleted, or not in the given manifests). */
  unmatched: number;
  savings: {
    prices: { cpuCoreHour: number; memoryGiBHour: number; nodeHour?: number };
    requested: { cpuCores: number; memoryBytes: number; monthly: number };
    nodes:
      | { count: number; monthly: number; nodeShape: { cpuCores: number; memoryBytes: number } }
      | { reason: string };
  };
}

export function buildReport(input: {
  version: string;
  command: string;
  source: SourceInfo;
  objects: number;
  findings: readonly Finding[];
  problems: readonly Problem[];
  skipped?: readonly SkippedFile[];
}): Report {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let suppressed = 0;
  const findings = input.findings.map(
    ({ fix: _fix, cause: _cause, build: _build, ...rest }): PublicFinding => rest,
  );
  for (const finding of findings) {
    if (finding.suppressed) suppressed++;
    else bySeverity[finding.severity]++;
  }
  const report: Report = {
    tool: { name: 'shipshape', version: input.version },
    command: input.command,
    source: input.source,
    summary: { objects: input.objects, findings: findings.length - suppressed, suppressed, bySeverity },
    findings,
    errors: input.problems.map(toReportError),
  };
  if (input.skipped) report.skipped = input.skipped.map(({ file, reason }) => ({ file, reason }));
  return report;
}

function toReportError(problem: Problem): ReportError {
  const error: ReportError = { message: problem.message };
  if (problem.file !== undefined) error.file = problem.file;
  if (problem.line !== undefined) error.line = problem.line;
  if (problem.column !== undefined) error.column = problem.column;
  if (problem.object !== undefined) error.object = problem.object;
  if (problem.level === 'warning') error.level = 'warning';
  return error;
}

export type FailOn = Severity | 'none';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** 2 when input could not be read or a check crashed; 1 when a finding is at or above failOn; else 0. */
export function exitCodeFor(report: Report, failOn: FailOn): number {
  if (report.errors.some((e) => e.level !== 'warning')) return EXIT_ERROR;
  if (failOn === 'none') return EXIT_CLEAN;
  const failing = report.findings.some((f) => !f.suppressed && atOrAbove(f.severity, failOn));
  return failing ? EXIT_FINDINGS : EXIT_CLEAN;
}
