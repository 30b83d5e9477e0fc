// --fix and --fix=diff: turns the fixes attached to findings into new file contents, one file at a time.
// Reading, writing and re-reviewing are the caller's (the CLI's); this module only computes.
import { structuredPatch } from 'diff';
import { parseAllDocuments } from 'yaml';
import { append } from '../core/append.ts';
import type { Finding } from '../core/finding.ts';
import type { KubeObject, ObjectRef } from '../core/object.ts';
import { describeRef, refOf } from '../core/object.ts';
import type { Path } from '../core/path.ts';
import { parseRenderedLabel } from '../core/rendered.ts';
import { isListKind } from '../sources/files/parse-yaml.ts';
import { applyJsonEdits, isJsonText } from './edit-json.ts';
import { applyEdits, EditError, type ObjectAddress } from './edit-yaml.ts';

export interface FixNote {
  check: string;
  object: string;
  description: string;
  file?: string;
  line?: number;
}

export interface SkippedFix extends FixNote {
  reason: string;
}

export interface FileFix {
  file: string;
  before: string;
  after: string;
  applied: FixNote[];
  skipped: SkippedFix[];
}

export interface FixPlan {
  /** Files whose content would change. Files without a fixable finding are never listed or read. */
  files: FileFix[];
  /** Fixes that cannot be applied at all (no file, stdin, rendered from a chart, unreadable, …). */
  skipped: SkippedFix[];
  /** Suggested fixes left out because the run applies safe ones only (decision 0037). */
  suggested: SuggestedFix[];
}

export interface SuggestedFix extends FixNote {
  risk: string;
}

function note(f: Finding): FixNote {
  const out: FixNote = {
    check: f.check,
    object: describeRef(f.object),
    description: f.fix?.description ?? '',
  };
  if (f.file) out.file = f.file;
  if (f.line) out.line = f.line;
  return out;
}

/** Why a finding's fix cannot be applied to a source file, or undefined when it can. */
export function unfixableReason(f: Finding): string | undefined {
  if (!f.file) return 'the object has no source file';
  if (f.file === '<stdin>') return 'read from stdin; fix the source and pipe it again';
  const rendered = parseRenderedLabel(f.file);
  if (rendered)
    return `rendered by ${rendered.tool}; fix the chart or overlay that produces it (rendered output is not edited)`;
  return undefined;
}

/**
 * Plans the fixes of every unsuppressed finding that carries one: safe fixes always, suggested ones only when
 * asked for (`--fix=suggested`). `read` is only called for files with fixes.
 */
export function planFixes(
  findings: readonly Finding[],
  read: (file: string) => string,
  options: { suggested?: boolean } = {},
): FixPlan {
  const plan: FixPlan = { files: [], skipped: [], suggested: [] };
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!f.fix || f.fix.edits.length === 0 || f.suppressed) continue;
    if (f.fix.safety !== 'safe' && !options.suggested) {
      plan.suggested.push({ ...note(f), risk: f.fix.risk ?? 'it may stop a working workload' });
      continue;
    }
    const reason = unfixableReason(f);
    if (reason) {
      plan.skipped.push({ ...note(f), reason });
      continue;
    }
    const list = byFile.get(f.file!);
    if (list) list.push(f);
    else byFile.set(f.file!, [f]);
  }
  for (const [file, list] of byFile) {
    let before: string;
    try {
      before = read(file);
    } catch (error) {
      for (const f of list)
        plan.skipped.push({ ...note(f), reason: `cannot read: ${(error as Error).message}` });
      continue;
    }
    const result = fixFile(file, before, list);
    if (result.after === before) append(plan.skipped, result.skipped);
    if (result.after !== before) plan.files.push(result);
  }
  return plan;
}

/** Applies the fixes of findings that all come from one file's text. */
export function fixFile(file: string, before: string, findings: readonly Finding[]): FileFix {
  const result: FileFix = { file, before, after: before, applied: [], skipped: [] };
  const addresses = addressObjects(before);
  // A JSON manifest is edited in JSON syntax, so it stays JSON.
  const json = isJsonText(before);
  const edit = json ? applyJsonEdits : applyEdits;
  // Each YAML document is edited on its own slice of the text, so the cost of a fix does not grow with the file.
  const slices = json ? [before] : documentSlices(before);
  const done = new Set<string>();
  for (const f of findings) {
    const fix = f.fix!;
    const found = addresses.get(refKey(f.object)) ?? [];
    if (found.length !== 1) {
      result.skipped.push({
        ...note(f),
        reason:
          found.length === 0
            ? 'the object was not found in the file'
            : `the file holds ${found.length} objects named ${describeRef(f.object)}`,
      });
      continue;
    }
    const key = `${refKey(f.object)}\u0000${JSON.stringify(fix.edits)}`;
    if (done.has(key)) {
      result.applied.push(note(f));
      continue;
    }
    const address = found[0]!;
    try {
      slices[address.document] = edit(
        slices[address.document]!,
        { document: 0, prefix: address.prefix },
        fix.edits,
      );
      done.add(key);
      result.applied.push(note(f));
    } catch (error) {
      if (!(error instanceof EditError)) throw error;
      result.skipped.push({ ...note(f), reason: error.message });
    }
  }
  result.after = slices.join('');
  return result;
}

/** The text of each document: from its start (its "---" included) to the next one's; they concatenate to the file. */
function documentSlices(text: string): string[] {
  const docs = parseAllDocuments(text, { uniqueKeys: true, strict: true });
  if (!Array.isArray(docs) || docs.length === 0) return [text];
  const starts = docs.map((doc, i) => (i === 0 ? 0 : (doc.range?.[0] ?? 0)));
  return starts.map((start, i) => text.slice(start, i + 1 < starts.length ? starts[i + 1] : text.length));
}

function refKey(ref: ObjectRef): string {
  return [ref.apiVersion, ref.kind, ref.namespace ?? '', ref.name].join('\u0000');
}

/** Where each object of a file is: its document and, inside a List, its item. */
function addressObjects(text: string): Map<string, ObjectAddress[]> {
  const map = new Map<string, ObjectAddress[]>();
  const add = (value: unknown, address: ObjectAddress) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    const object = value as KubeObject;
    if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') return;
    if (object.metadata === undefined || object.metadata === null) object.metadata = {};
    if (typeof object.metadata !== 'object') return;
    const key = refKey(refOf(object));
    const list = map.get(key);
    if (list) list.push(address);
    else map.set(key, [address]);
  };
  const docs = parseAllDocuments(text, { uniqueKeys: true, strict: true });
  if (!Array.isArray(docs)) return map;
  docs.forEach((doc, document) => {
    if (doc.errors.length > 0) return;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch {
      return;
    }
    const object = value as KubeObject;
    if (value && typeof value === 'object' && typeof object.kind === 'string' && isListKind(object)) {
      const items = (object as { items?: unknown }).items;
      if (Array.isArray(items)) {
        items.forEach((item, i) => {
          add(item, { document, prefix: ['items', i] as Path });
        });
      }
      return;
    }
    add(value, { document, prefix: [] });
  });
  return map;
}

/** A unified diff (3 lines of context) of one file, with a/ and b/ prefixes for relative paths. */
export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  const relative = !file.startsWith('/');
  const patch = structuredPatch(
    relative ? `a/${file}` : file,
    relative ? `b/${file}` : file,
    before,
    after,
    '',
    '',
    { context: 3 },
  );
  const lines = [`--- ${patch.oldFileName}`, `+++ ${patch.newFileName}`];
  for (const hunk of patch.hunks) {
    lines.push(`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`);
    append(lines, hunk.lines);
  }
  return `${lines.join('\n')}\n`;
}

function range(start: number, count: number): string {
  // Unified diff quirk: an empty range names the line before it.
  return `${count === 0 ? start - 1 : start},${count}`;
}
