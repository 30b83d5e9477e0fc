import { mergeAcrossBuilds } from './builds.ts';
import type { AnyCheck, CheckContext, Issue, RunSettings } from './check.ts';
import { compareText } from './compare-text.ts';
import { type Config, IGNORE_ANNOTATION, IGNORE_REASON_ANNOTATION } from './config.ts';
import { type Finding, fingerprint, runbookPath } from './finding.ts';
import type { ObjectIndex } from './index.ts';
import type { LoadedObject } from './object.ts';
import { describeRef, placeOf } from './object.ts';
import { formatPath } from './path.ts';
import type { Problem } from './problem.ts';
import { SEVERITIES, type Severity, severityRank } from './severity.ts';

export interface SelectedCheck {
  check: AnyCheck;
  params: Record<string, unknown>;
  severity: AnyCheck['severity'];
}

/** Applies defaults, config, --include/--exclude and run settings to pick the checks of a run. */
export function selectChecks(
  all: readonly AnyCheck[],
  config: Config,
  settings: RunSettings,
  cli: { include?: string[]; exclude?: string[] } = {},
): SelectedCheck[] {
  const include = new Set([...config.include, ...(cli.include ?? [])]);
  const exclude = new Set([...config.exclude, ...(cli.exclude ?? [])]);
  const selected: SelectedCheck[] = [];
  for (const check of all) {
    const own = config.checks[check.id] ?? {};
    let on = check.isActive ? check.isActive(settings) : check.enabledByDefault !== false;
    if (own.enabled !== undefined) on = own.enabled;
    if (include.size > 0) on = include.has(check.id) || include.has(check.category);
    if (exclude.has(check.id) || exclude.has(check.category)) on = false;
    if (!on) continue;
    selected.push({
      check,
      params: { ...(check.params ?? {}), ...(own.params ?? {}) },
      severity: own.severity ?? check.severity,
    });
  }
  return selected;
}

export interface EngineResult {
  findings: Finding[];
  problems: Problem[];
  /** Ids of the checks that ran (selected, and every kind they require was read): what a scan covered. */
  ran: string[];
}

export interface EngineOptions {
  /** Keep each finding's mechanical fix (for --fix); without it a big review does not hold every fix. */
  fixes?: boolean;
}

/** Runs every selected check over the objects it applies to. A check that throws is recorded, never fatal. */
export function runChecks(
  index: ObjectIndex,
  selected: readonly SelectedCheck[],
  settings: RunSettings,
  options: EngineOptions = {},
): EngineResult {
  const keepFixes = options.fixes ?? true;
  const findings: Finding[] = [];
  const problems: Problem[] = [];
  const related: { finding: Finding; fingerprint: string }[] = [];
  const ran: string[] = [];
  const lastReaders = lastReadersOf(selected);
  for (const [position, { check, params, severity }] of selected.entries()) {
    const missing = settings.kindsRead
      ? (check.requires ?? []).filter((kind) => !settings.kindsRead!.has(kind))
      : [];
    if (missing.length > 0) {
      problems.push({
        kind: 'source',
        level: 'warning',
        message: `check "${check.id}" did not run: no ${missing.join(', ')} objects were read (not captured or not readable), so its answer would be a guess`,
      });
      index.forget(lastReaders.get(position) ?? []);
      continue;
    }
    ran.push(check.id);
    const context: CheckContext<unknown> = { index, params, settings };
    const targets =
      check.appliesTo === 'all' ? index.all : check.appliesTo.flatMap((kind) => index.ofKind(kind));
    for (const loaded of targets) {
      try {
        for (const issue of check.check(loaded, context)) {
          const finding = toFinding(check, severity, loaded, issue, keepFixes);
          findings.push(finding);
          if (issue.relatedTo) related.push({ finding, fingerprint: rootFingerprint(issue, loaded) });
        }
      } catch (error) {
        problems.push({
          kind: 'check',
          object: describeRef(loaded.ref),
          ...(loaded.origin ? { file: loaded.origin.file } : {}),
          message: `check "${check.id}" failed on ${describeRef(loaded.ref)}: ${(error as Error).message}`,
        });
      }
    }
    index.forget(lastReaders.get(position) ?? []);
  }
  // Link a finding to its root cause only when the root was reported too (its check may be off).
  if (related.length > 0) {
    const reported = new Set(findings.map((f) => f.fingerprint));
    for (const { finding, fingerprint } of related)
      if (reported.has(fingerprint)) finding.relatedTo = fingerprint;
  }
  return { findings: sortFindings(mergeAcrossBuilds(dedupe(findings))), problems, ran };
}

/** Per position in the run, the derived indexes no later check reads (check.indexes). */
function lastReadersOf(selected: readonly SelectedCheck[]): Map<number, string[]> {
  const last = new Map<string, number>();
  selected.forEach(({ check }, position) => {
    for (const key of check.indexes ?? []) last.set(key, position);
  });
  const byPosition = new Map<number, string[]>();
  for (const [key, position] of last) {
    const keys = byPosition.get(position);
    if (keys) keys.push(key);
    else byPosition.set(position, [key]);
  }
  return byPosition;
}

/** The fingerprint the root finding of a relatedTo has (its path; a whole-object root has no locator). */
function rootFingerprint(issue: Issue, checked: LoadedObject): string {
  const root = issue.relatedTo!;
  const about = root.target ?? issue.target ?? checked;
  const path = root.path && root.path.length > 0 ? formatPath(root.path) : undefined;
  return fingerprint(root.check, about.ref, path);
}

function shifted(severity: Severity, shift: number): Severity {
  const rank = Math.min(SEVERITIES.length - 1, Math.max(0, severityRank(severity) - shift));
  return SEVERITIES[rank]!;
}

function toFinding(
  check: AnyCheck,
  severity: Finding['severity'],
  checked: LoadedObject,
  issue: Issue,
  keepFix: boolean,
): Finding {
  const about = issue.target ?? checked;
  const path = issue.path && issue.path.length > 0 ? sharedPath(formatPath(issue.path)) : undefined;
  const finding: Finding = {
    check: check.id,
    severity: issue.severity ?? (issue.severityShift ? shifted(severity, issue.severityShift) : severity),
    category: check.category,
    object: about.ref,
    message: issue.message,
    remediation: issue.remedy ?? check.remediation,
    runbook: runbookPath(check.id),
    fingerprint: fingerprint(check.id, about.ref, path ?? issue.locator),
  };
  if (path) finding.path = path;
  if (about.origin) {
    const place = placeOf(about.origin, issue.path ?? []);
    finding.file = place.file;
    if (about.origin.scope !== undefined) finding.build = about.origin.scope;
    if (place.line !== undefined) finding.line = place.line;
    if (place.column !== undefined) finding.column = place.column;
  }
  if (issue.evidence && issue.evidence.length > 0) finding.evidence = issue.evidence;
  if (issue.fix && keepFix) finding.fix = issue.fix;
  if (issue.cause) finding.cause = issue.cause;
  const suppression = suppressionOf(about, check.id);
  if (suppression) finding.suppressed = suppression;
  return finding;
}

/** The same paths recur in every object a check fires on: one string each (up to a bound). */
const paths = new Map<string, string>();
function sharedPath(path: string): string {
  const known = paths.get(path);
  if (known !== undefined) return known;
  if (paths.size < 20_000) paths.set(path, path);
  return path;
}

/** shipshape.dev/ignore: "check-a,check-b" (or "*") on the object silences those checks for it. */
function suppressionOf(loaded: LoadedObject, checkId: string): { reason: string } | undefined {
  const annotations = loaded.object.metadata?.annotations;
  const value = annotations?.[IGNORE_ANNOTATION];
  if (typeof value !== 'string') return undefined;
  const ids = value.split(',').map((s) => s.trim());
  if (!ids.includes(checkId) && !ids.includes('*')) return undefined;
  const reason = annotations?.[IGNORE_REASON_ANNOTATION];
  return {
    reason: typeof reason === 'string' && reason.trim() ? reason.trim() : `annotation ${IGNORE_ANNOTATION}`,
  };
}

/**
 * Drops repeats: the same fingerprint, file, message and build (the same object in several builds is one finding
 * listing them: mergeAcrossBuilds). Keyed by fingerprint alone, which rarely repeats, instead of a long string
 * per finding.
 */
function dedupe(findings: Finding[]): Finding[] {
  const kept = new Map<string, Finding | Finding[]>();
  return findings.filter((f) => {
    const seen = kept.get(f.fingerprint);
    if (!seen) {
      kept.set(f.fingerprint, f);
      return true;
    }
    const list = Array.isArray(seen) ? seen : [seen];
    if (list.some((g) => g.file === f.file && g.message === f.message && g.build === f.build)) return false;
    list.push(f);
    if (list !== seen) kept.set(f.fingerprint, list);
    return true;
  });
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      compareText(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      severityRank(a.severity) - severityRank(b.severity) ||
      compareText(a.check, b.check) ||
      compareText(a.message, b.message),
  );
}
