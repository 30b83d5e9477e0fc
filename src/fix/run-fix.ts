// The --fix pipeline: plan the edits, re-review the fixed files, and write (or diff) only those that pass.
import { readFileSync } from 'node:fs';
import { append } from '../core/append.ts';
import type { RunSettings } from '../core/check.ts';
import { runChecks, type SelectedCheck } from '../core/engine.ts';
import type { Finding } from '../core/finding.ts';
import { ObjectIndex } from '../core/index.ts';
import type { LoadedObject } from '../core/object.ts';
import { parseManifestText } from '../sources/files/parse-yaml.ts';
import { REDACTED } from '../sources/snapshot/format.ts';
import { resolveTarget, WriteError, type WriteResult, writeFileSafely } from '../write/safe-write.ts';
import { maskSecrets, secretValuesOf } from './diff-secrets.ts';
import { isJsonText } from './edit-json.ts';
import {
  type FileFix,
  type FixPlan,
  planFixes,
  type SkippedFix,
  type SuggestedFix,
  unifiedDiff,
} from './fix.ts';

export type FixMode = 'write' | 'diff';

export interface FixContext {
  findings: readonly Finding[];
  /** The objects of the run, to re-review fixed files among them. */
  objects: readonly LoadedObject[];
  supporting?: readonly LoadedObject[];
  selected: readonly SelectedCheck[];
  settings: RunSettings;
  /** The paths the user named: a manifest that is a symbolic link is edited only when its real file is inside. */
  roots: readonly string[];
  /** Apply suggested fixes too (`--fix=suggested`), not only safe ones. */
  suggested?: boolean;
}

export interface FixIO {
  read(file: string): string;
  /** Writes the new text (or, for a diff, only checks that it could be written) and says what to know about it. */
  write(file: string, text: string, roots: readonly string[], dryRun: boolean): Pick<WriteResult, 'notes'>;
}

export interface FixOutcome {
  mode: FixMode;
  /** Files that were written (write mode) or that the diff shows (diff mode). */
  files: FileFix[];
  /** Files whose fixes were all dropped: the result did not pass re-review, or the file may not be written. */
  refused: { file: string; reason: string }[];
  /** What to know about files that were written: a symlink whose target was edited, broken hard links. */
  notes: string[];
  skipped: SkippedFix[];
  /** Suggested fixes not applied (a safe-only run). */
  suggested: SuggestedFix[];
  diff: string;
}

export const FS_IO: FixIO = {
  read: (file) => readFileSync(file, 'utf8'),
  write: (file, text, roots, dryRun) => {
    const options = {
      followSymlinkWithin: roots,
      // A JSON manifest stays JSON: the fixed text must parse as JSON before it replaces the file.
      ...(isJsonText(text) ? { check: (bytes: Buffer) => JSON.parse(bytes.toString('utf8')) } : {}),
    };
    return dryRun ? resolveTarget(file, options) : writeFileSafely(file, text, options);
  },
};

export function runFix(mode: FixMode, context: FixContext, io: FixIO = FS_IO): FixOutcome {
  const plan: FixPlan = planFixes(context.findings, io.read, { suggested: context.suggested ?? false });
  const refused = reReview(plan.files, context);
  const notes: string[] = [];
  const written: FileFix[] = [];
  for (const file of plan.files) {
    if (refused.some((r) => r.file === file.file)) continue;
    try {
      append(notes, io.write(file.file, file.after, context.roots, mode === 'diff').notes);
      written.push(file);
    } catch (error) {
      if (!(error instanceof WriteError)) throw error;
      refused.push({ file: file.file, reason: error.message });
    }
  }
  const skipped = [...plan.skipped, ...plan.files.flatMap((f) => f.skipped)];
  for (const file of plan.files) {
    const refusal = refused.find((r) => r.file === file.file);
    if (refusal) for (const applied of file.applied) skipped.push({ ...applied, reason: refusal.reason });
  }
  let diff = '';
  if (mode === 'diff') {
    const secrets = secretValuesIn(context.objects, new Set(written.map((f) => f.file)));
    const result = maskSecrets(written.map((f) => unifiedDiff(f.file, f.before, f.after)).join(''), secrets);
    diff = suggestionComments(plan.suggested) + result.diff;
    if (result.masked > 0)
      notes.push(
        `${result.masked} line(s) of the diff show secret values as ${REDACTED}: the diff is for reading; --fix applies the changes`,
      );
  }
  return { mode, files: written, refused, skipped, notes, suggested: plan.suggested, diff };
}

function secretValuesIn(objects: readonly LoadedObject[], files: ReadonlySet<string>): string[] {
  const values = new Set<string>();
  for (const o of objects)
    if (o.origin && files.has(o.origin.file)) for (const v of secretValuesOf(o.object)) values.add(v);
  return [...values];
}

/**
 * Parses every fixed file again and re-runs the checks of the run over the new object set. A file whose new text
 * has a parse error, or a schema finding it did not have before, is refused as a whole.
 */
function reReview(files: readonly FileFix[], context: FixContext): { file: string; reason: string }[] {
  if (files.length === 0) return [];
  const refused: { file: string; reason: string }[] = [];
  const changed = new Set(files.map((f) => f.file));
  const objects = context.objects.filter((o) => !o.origin || !changed.has(o.origin.file));
  for (const file of files) {
    const parsed = parseManifestText(file.after, file.file);
    if (parsed.problems.length > 0) {
      refused.push({
        file: file.file,
        reason: `the fixed file would not parse: ${parsed.problems[0]!.message}`,
      });
      continue;
    }
    append(objects, parsed.objects);
  }
  const index = new ObjectIndex(objects, { partial: true, supporting: context.supporting ?? [] });
  const after = runChecks(index, context.selected, context.settings);
  const before = new Set(
    context.findings
      .filter((f) => f.file && changed.has(f.file))
      .map((f) => `${f.file}\u0000${f.fingerprint}`),
  );
  for (const f of after.findings) {
    if (f.category !== 'schema' || !f.file || !changed.has(f.file) || f.suppressed) continue;
    if (before.has(`${f.file}\u0000${f.fingerprint}`)) continue;
    if (refused.some((r) => r.file === f.file)) continue;
    refused.push({
      file: f.file,
      reason: `the fix would introduce a schema error at line ${f.line ?? '?'}: ${f.message} [${f.check}]`,
    });
  }
  return refused;
}

/**
 * Suggested fixes, as comment lines before the diff (patch and git apply skip text before the first header),
 * so a reviewer sees them next to the safe edits without their being applied.
 */
function suggestionComments(suggested: readonly SuggestedFix[]): string {
  if (suggested.length === 0) return '';
  const lines = [
    `# shipshape: ${suggested.length} suggested fix${suggested.length === 1 ? '' : 'es'} not in this diff: each may stop a working workload; check, then apply with --fix=suggested`,
  ];
  for (const s of suggested)
    lines.push(`#   ${where(s)}${s.object} [${s.check}] ${s.description}: ${s.risk}`);
  return `${lines.join('\n')}\n`;
}

function where(note: { file?: string; line?: number }): string {
  return note.file ? `${note.file}${note.line ? `:${note.line}` : ''}: ` : '';
}

/** Human lines for stderr: what was fixed, what was not and why. */
export function describeOutcome(outcome: FixOutcome): string[] {
  const lines: string[] = [];
  const count = outcome.files.reduce((n, f) => n + f.applied.length, 0);
  const verb = outcome.mode === 'diff' ? 'would fix' : 'fixed';
  if (count > 0) {
    lines.push(
      `${verb} ${count} finding${count === 1 ? '' : 's'} in ${outcome.files.length} file${outcome.files.length === 1 ? '' : 's'}: ${outcome.files.map((f) => f.file).join(', ')}`,
    );
  } else {
    lines.push('nothing to fix');
  }
  for (const note of outcome.notes) lines.push(`note: ${note}`);
  for (const s of outcome.skipped)
    lines.push(`not fixed: ${where(s)}${s.object} [${s.check}] ${s.description}: ${s.reason}`);
  const suggested = outcome.suggested.length;
  if (suggested > 0)
    lines.push(
      `not applied: ${suggested} suggested fix${suggested === 1 ? '' : 'es'} that may stop a working workload (see them with --fix=suggested-diff, apply with --fix=suggested)`,
    );
  return lines;
}
