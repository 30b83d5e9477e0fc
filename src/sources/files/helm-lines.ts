// Which template line produced each line of `helm template` output. The chart is rendered a second time from a
// private copy whose templates carry a marker comment at the end of every line of literal text (` #<tag>-<file>-
// <line>`); helm copies literal text verbatim, so each output line carries the marker of the template line it
// started on, and lines an action expands (`include`, `toYaml | nindent`) are followed by the marker of that
// action's line. With the markers removed the second output must equal the first line for line; where it does
// not, that document gets no template lines at all — a finding then has its file but no line, never a wrong one
// (docs/decisions/0040).
import { randomBytes } from 'node:crypto';
import {
  type Dirent,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Templates bigger than this are left out of the copy (an empty file): their documents get no lines, and the second
 * render does not spend seconds on them (a chart of CRDs holds megabytes of them).
 */
const MAX_TEMPLATE_BYTES = 256 * 1024;
/** Bounds the copy: a chart is tens of templates, a vendored monster a few hundred. */
const MAX_TEMPLATES = 2000;

/** Where a rendered line came from: a line of a template file (a path relative to the chart directory). */
export interface TemplateLine {
  file: string;
  line: number;
}

// ---- instrumenting one template ------------------------------------------------------------------------------

/** Keywords that open a block closed by `{{ end }}`. */
const OPENS_BLOCK = new Set(['if', 'range', 'with', 'define', 'block']);
/** Blocks whose text is not output where it is written (it is output wherever it is included). */
const DEFINES = new Set(['define', 'block']);

/**
 * The template with a marker before the end of each line of literal text, where a marker cannot change what helm
 * renders: not inside an action or a comment, not inside `define`/`block` (their text may be piped into functions
 * wherever they are included), not on a `---` separator line, and not where trimming (`-}}`, `{{-`) would have
 * removed the newline (a marker stops a trim, so it would keep a line break the template removes).
 * Undefined when the text is not a template we can read (an unterminated action): it is then not instrumented.
 */
export function instrumentTemplate(text: string, marker: (line: number) => string): string | undefined {
  const out: string[] = [];
  const blocks: string[] = [];
  let inDefine = 0;
  let line = 1;
  let lineStart = 0; // offset in text where the current line started
  let copied = 0;
  let i = 0;
  const plan = markerPlan(text);
  const endLine = (at: number) => {
    const cut = at > 0 && text[at - 1] === '\r' ? at - 1 : at;
    const as = plan[line - 1];
    if (as === undefined || inDefine > 0 || text.startsWith('---', lineStart) || !untrimmed(text, cut))
      return;
    out.push(text.slice(copied, cut), marker(as));
    copied = cut;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      endLine(i);
      line++;
      i++;
      lineStart = i;
      continue;
    }
    if (c === '{' && text[i + 1] === '{') {
      const action = readAction(text, i);
      if (!action) return undefined;
      for (let k = i; k < action.end; k++) if (text[k] === '\n') line++;
      const lastNewline = text.lastIndexOf('\n', action.end - 1);
      if (lastNewline >= i) lineStart = lastNewline + 1;
      if (action.keyword === 'end') {
        const opened = blocks.pop();
        if (opened && DEFINES.has(opened)) inDefine--;
      } else if (action.keyword && OPENS_BLOCK.has(action.keyword)) {
        blocks.push(action.keyword);
        if (DEFINES.has(action.keyword)) inDefine++;
      }
      i = action.end;
      continue;
    }
    i++;
  }
  if (text.length > lineStart) endLine(text.length);
  out.push(text.slice(copied));
  return out.join('');
}

/** A line's content starts a list item or a mapping key (`key:`, `"key":`), scanned by hand (no backtracking). */
function isKeyOrItem(content: string): boolean {
  if (content === '-' || content.startsWith('- ') || content.startsWith('-\t')) return true;
  const colon = keyColon(content);
  if (colon < 0) return false;
  const first = content[0]!;
  if (first === '"' || first === "'") return content.indexOf(first, 1) === colon - 1;
  return !'#{'.includes(first) && !content.slice(0, colon).includes('#');
}

/** Where the first `:` followed by a blank or the end is, -1 when none: the end of a mapping key. */
function keyColon(text: string): number {
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
    const next = text[i + 1];
    if (next === undefined || next === ' ' || next === '\t' || next === '\r') return i;
  }
  return -1;
}

/** The line opens a block scalar: it ends (comments aside) in `|` or `>` with optional chomping/indent digits. */
function isBlockHeader(content: string): boolean {
  const comment = content.indexOf(' #');
  const text = (comment >= 0 ? content.slice(0, comment) : content).trimEnd();
  let i = text.length;
  while (i > 0 && '-+0123456789'.includes(text[i - 1]!)) i--;
  const indicator = text[i - 1];
  if (indicator !== '|' && indicator !== '>') return false;
  const before = text[i - 2];
  return before === undefined || before === ':' || before === ' ' || before === '\t' || before === '-';
}

/**
 * Which line number each template line's marker carries; undefined where a marker must not go. A plain scalar
 * written over several lines (`description: long text` with more-indented continuation lines, as CRDs from
 * controller-gen have) ends at a comment, so its lines carry no marker but the last, which carries the line the
 * scalar started on: a finding on that field points at its key. Block scalar content (`|`, `>`) is text, where a
 * marker is harmless (it is removed from the output again) except on a blank line, which it would turn into a
 * less indented line ending the block; blank lines get none.
 */
function markerPlan(text: string): (number | undefined)[] {
  const lines = text.split('\n');
  const plan: (number | undefined)[] = lines.map((_, i) => i + 1);
  let blockIndent = -1; // indentation of the key that opened a block scalar, -1 outside one
  let groupStart = -1; // first line of a multi-line plain scalar being read, -1 outside one
  let groupIndent = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    const indent = line.length - line.trimStart().length;
    const content = line.trim();
    // A blank line holds no field, and in a block scalar a marker on it would end the block (too little indent).
    if (content === '') {
      plan[i] = undefined;
      continue;
    }
    if (blockIndent >= 0) {
      if (indent > blockIndent) continue;
      blockIndent = -1;
    }
    if (isBlockHeader(content) && !content.startsWith('#') && !content.includes('{{')) {
      blockIndent = indent;
      continue;
    }
    const next = lines[i + 1]?.replace(/\r$/, '');
    const nextContent = next?.trim() ?? '';
    const continued =
      next !== undefined &&
      nextContent !== '' &&
      next.length - next.trimStart().length > (groupStart >= 0 ? groupIndent : indent) &&
      !isKeyOrItem(nextContent) &&
      !nextContent.startsWith('#') &&
      !nextContent.startsWith('{{') &&
      !content.startsWith('#') &&
      !content.includes('{{');
    if (continued) {
      if (groupStart < 0) {
        groupStart = i;
        groupIndent = indent;
      }
      plan[i] = undefined;
    } else if (groupStart >= 0) {
      plan[i] = groupStart + 1;
      groupStart = -1;
    }
  }
  return plan;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/**
 * A marker at `at` leaves the output's lines as they were: the whitespace around it is not removed by a `-}}`
 * before it (the marker would keep the rest, newline included), and when a `{{-` after it removes the whitespace,
 * none of the whitespace before the marker holds a newline (a blank line the trim would have removed).
 */
function untrimmed(text: string, at: number): boolean {
  let start = at;
  while (start > 0 && isSpace(text[start - 1])) start--;
  let end = at;
  while (end < text.length && isSpace(text[end])) end++;
  if (start >= 4 && text.startsWith('-}}', start - 3) && isSpace(text[start - 4])) return false;
  const trimmedAfter = text.startsWith('{{-', end) && isSpace(text[end + 3]);
  return !(trimmedAfter && text.slice(start, at).includes('\n'));
}

interface Action {
  /** Offset just after the closing `}}`. */
  end: number;
  keyword?: string;
  trimsRight: boolean;
}

/** Reads one `{{ … }}` action starting at `start` (Go text/template lexing: strings, raw strings, comments). */
function readAction(text: string, start: number): Action | undefined {
  let i = start + 2;
  if (text[i] === '-' && /[ \t\r\n]/.test(text[i + 1] ?? '')) i += 2;
  while (/[ \t\r\n]/.test(text[i] ?? '')) i++;
  if (text.startsWith('/*', i)) {
    const close = text.indexOf('*/', i + 2);
    if (close < 0) return undefined;
    // `*/` is followed by optional blanks, an optional `-` trim marker, blanks, then `}}`.
    let k = close + 2;
    while (isSpace(text[k])) k++;
    const trimsRight = text[k] === '-';
    if (trimsRight) k++;
    while (isSpace(text[k])) k++;
    if (!text.startsWith('}}', k)) return undefined;
    return { end: k + 2, trimsRight };
  }
  const keyword = /^[a-z]+/.exec(text.slice(i, i + 16))?.[0];
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i++;
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\') i++;
        if (text[i] === '\n') return undefined;
        i++;
      }
      if (i >= text.length) return undefined;
      i++;
      continue;
    }
    if (c === '`') {
      const close = text.indexOf('`', i + 1);
      if (close < 0) return undefined;
      i = close + 1;
      continue;
    }
    if (c === '}' && text[i + 1] === '}') {
      const trimsRight = text[i - 1] === '-' && /[ \t\r\n]/.test(text[i - 2] ?? '');
      return { end: i + 2, ...(keyword ? { keyword } : {}), trimsRight };
    }
    i++;
  }
  return undefined;
}

// ---- the instrumented copy of a chart ------------------------------------------------------------------------

export interface InstrumentedChart {
  /** The copy to render instead of the chart (its own path; symlinks to everything not instrumented). */
  dir: string;
  /** Removes the copy. */
  remove(): void;
  /** The template lines of each output line, for a document of `helm template` output on the copy. */
  linesOf(documentText: string): { text: string; lines: (TemplateLine | undefined)[] };
}

/**
 * A private copy of the chart in a fresh temporary directory: `templates/` (and those of unpacked subcharts under
 * `charts/`) rebuilt with instrumented templates, everything else linked to the original. Undefined when the
 * copy cannot be made (then no lines are known).
 */
export function instrumentChart(chartDir: string): InstrumentedChart | undefined {
  const tag = `ss${randomBytes(6).toString('hex')}`;
  const files: string[] = [];
  let root: string | undefined;
  try {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'shipshape-helm-')));
    const copy = join(root, 'chart');
    const budget = { templates: MAX_TEMPLATES };
    copyChart(realpathSync(chartDir), copy, '', { tag, files, budget });
    const marker = `#${tag}-`;
    const made = root;
    return {
      dir: copy,
      remove: () => rmSync(made, { recursive: true, force: true }),
      linesOf: (documentText) => readMarkers(documentText, marker, files),
    };
  } catch {
    if (root) rmSync(root, { recursive: true, force: true });
    return undefined;
  }
}

interface CopyContext {
  tag: string;
  files: string[];
  budget: { templates: number };
}

/** Links every entry of a chart except `templates/` (instrumented) and `charts/` (each unpacked subchart copied). */
function copyChart(source: string, target: string, relative: string, context: CopyContext): void {
  mkdirSync(target);
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    const from = join(source, entry.name);
    const to = join(target, entry.name);
    if (entry.name === 'templates' && isDirectory(from, entry)) {
      copyTemplates(from, to, `${relative}templates/`, context);
    } else if (entry.name === 'charts' && isDirectory(from, entry)) {
      mkdirSync(to);
      for (const sub of readdirSync(from, { withFileTypes: true })) {
        const subFrom = join(from, sub.name);
        if (isDirectory(subFrom, sub))
          copyChart(realpathSync(subFrom), join(to, sub.name), `${relative}charts/${sub.name}/`, context);
        else symlinkSync(subFrom, join(to, sub.name));
      }
    } else {
      symlinkSync(from, to);
    }
  }
}

function copyTemplates(source: string, target: string, relative: string, context: CopyContext): void {
  mkdirSync(target);
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    const from = join(source, entry.name);
    const to = join(target, entry.name);
    if (isDirectory(from, entry)) {
      copyTemplates(realpathSync(from), to, `${relative}${entry.name}/`, context);
      continue;
    }
    // Partials (`_helpers.tpl`) are only ever included, and NOTES.txt is not a manifest: linked as they are.
    const instrumented =
      !entry.name.startsWith('_') && entry.name !== 'NOTES.txt' && --context.budget.templates >= 0
        ? instrumentFile(from, `${relative}${entry.name}`, context)
        : undefined;
    if (instrumented === undefined) symlinkSync(from, to);
    else writeFileSync(to, instrumented ?? '');
  }
}

/** The instrumented text; null to leave the template out (too big); undefined to link it as it is. */
function instrumentFile(path: string, relative: string, context: CopyContext): string | null | undefined {
  const stat = statSync(path);
  if (!stat.isFile()) return undefined;
  if (stat.size > MAX_TEMPLATE_BYTES) return null;
  const index = context.files.length;
  context.files.push(relative);
  return instrumentTemplate(readFileSync(path, 'utf8'), (line) => ` #${context.tag}-${index}-${line};`);
}

function isDirectory(path: string, entry: Dirent): boolean {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

// ---- reading the markers back --------------------------------------------------------------------------------

/**
 * The document's text without markers, and for each of its lines the template line it came from: the first
 * marker on the line (where the line started), else the first marker after it (the action whose expansion it
 * is part of); undefined past the last marker. Helm trims the whitespace around each document, so lines that
 * hold nothing but markers at either end are not part of it (the first may have lost its space to the trim).
 */
function readMarkers(
  documentText: string,
  marker: string,
  files: readonly string[],
): { text: string; lines: (TemplateLine | undefined)[] } {
  const rawLines = documentText.split('\n').map((raw) => scanMarkers(raw, marker, files));
  let first = 0;
  while (first < rawLines.length && rawLines[first]!.text.trim() === '') first++;
  let end = rawLines.length;
  while (end > first && rawLines[end - 1]!.text.trim() === '') end--;
  const kept = rawLines.slice(first, end);
  const lines: (TemplateLine | undefined)[] = new Array(kept.length);
  let next: TemplateLine | undefined;
  for (let i = kept.length - 1; i >= 0; i--) {
    if (kept[i]!.first) next = kept[i]!.first;
    lines[i] = next;
  }
  return { text: kept.map((l) => l.text).join('\n'), lines };
}

/**
 * One output line without its markers (` #<tag><file>-<line>;`, the space optional), and the template line of the
 * first marker with content before it (else of the first marker). Scanned by hand: the tag is random, and the digits are read without a pattern.
 */
function scanMarkers(
  raw: string,
  marker: string,
  files: readonly string[],
): { text: string; first?: TemplateLine } {
  let at = raw.indexOf(marker);
  if (at < 0) return { text: raw };
  let text = '';
  let copied = 0;
  let first: TemplateLine | undefined;
  /** `first` is a marker with content before it. */
  let found = false;
  while (at >= 0) {
    let i = at + marker.length;
    const fileStart = i;
    while (raw[i] !== undefined && raw[i]! >= '0' && raw[i]! <= '9') i++;
    const file = raw.slice(fileStart, i);
    const lineStart = i + 1;
    let k = lineStart;
    while (raw[k] !== undefined && raw[k]! >= '0' && raw[k]! <= '9') k++;
    if (raw[i] !== '-' || file === '' || k === lineStart || raw[k] !== ';') {
      at = raw.indexOf(marker, at + 1);
      continue;
    }
    const start = at > 0 && raw[at - 1] === ' ' ? at - 1 : at;
    const segment = raw.slice(copied, start);
    text += segment;
    copied = k + 1;
    const name = files[Number(file)];
    if (name !== undefined) {
      const here = { file: name, line: Number(raw.slice(lineStart, k)) };
      // A marker with nothing before it on the output line came from a line that printed only an action
      // (`{{- range … }}`) whose newline a following `{{- … -}}` trimmed: the content is the next line's.
      if (segment.trim() !== '' && !found) {
        first = here;
        found = true;
      } else if (!first) first = here;
    }
    at = raw.indexOf(marker, copied);
  }
  return { text: text + raw.slice(copied), ...(first ? { first } : {}) };
}

// ---- pairing the two renders ---------------------------------------------------------------------------------

/** One document of helm output: its text (after the `# Source:` line) and the file it is attributed to. */
export interface HelmDocument {
  text: string;
  file: string;
}

/**
 * For each document of the plain render, the template line of each of its lines — when the instrumented render,
 * markers removed, is the same document line for line (a line may differ only after its key, e.g. a checksum of
 * an instrumented template). Documents that do not match get undefined.
 */
export function pairRenders(
  plain: readonly HelmDocument[],
  instrumented: readonly HelmDocument[],
  chart: InstrumentedChart,
): ((TemplateLine | undefined)[] | undefined)[] {
  const out: ((TemplateLine | undefined)[] | undefined)[] = plain.map(() => undefined);
  // Documents are paired per file, in order: templates left out of the copy have none on that side, and helm's
  // sort by kind keeps the others in the same order. Documents of comments only carry no object; markers can turn
  // an empty one into one of those, so both sides are compared without them.
  const byFile = new Map<string, { text: string; lines: (TemplateLine | undefined)[] }[]>();
  for (const d of instrumented) {
    const read = chart.linesOf(d.text);
    if (!hasContent(read.text)) continue;
    const list = byFile.get(d.file);
    if (list) list.push(read);
    else byFile.set(d.file, [read]);
  }
  const plainCount = new Map<string, number>();
  for (const d of plain) if (hasContent(d.text)) plainCount.set(d.file, (plainCount.get(d.file) ?? 0) + 1);
  const seen = new Map<string, number>();
  plain.forEach((d, i) => {
    if (!hasContent(d.text)) return;
    const k = seen.get(d.file) ?? 0;
    seen.set(d.file, k + 1);
    const others = byFile.get(d.file);
    // A file whose number of documents changed rendered differently: none of its documents is trusted.
    if (!others || others.length !== plainCount.get(d.file)) return;
    const other = others[k]!;
    if (sameLines(d.text, other.text)) out[i] = other.lines;
  });
  return out;
}

function hasContent(text: string): boolean {
  return text.split('\n').some((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
}

/** Same lines (blank ones at the end aside), each equal (trailing spaces aside) or equal up to its key. */
function sameLines(a: string, b: string): boolean {
  const left = withoutTrailingBlankLines(a.split('\n'));
  const right = withoutTrailingBlankLines(b.split('\n'));
  if (left.length !== right.length) return false;
  for (let i = 0; i < left.length; i++) {
    const x = left[i]!.trimEnd();
    const y = right[i]!.trimEnd();
    if (x === y) continue;
    // Lines may differ only after a key (a checksum's value): the same `key:` must start both.
    const colon = keyColon(x);
    if (colon < 0) return false;
    const key = x.slice(0, colon + 1);
    if (key.trim().replace(/^-\s+/, '') === ':' || key.includes('#') || !y.startsWith(key)) return false;
  }
  return true;
}

/**
 * The column in the template line of what is at `column` in the rendered line: the same column when the text
 * before it is the same, else where the rendered key or item first appears in the template line, else the start
 * of the template line's content.
 */
export function templateColumn(rendered: string, template: string, column: number): number {
  const before = rendered.slice(0, column - 1);
  if (template.startsWith(before)) return column;
  const token = /^(?:- )*[^\s:]+:?/.exec(rendered.slice(column - 1))?.[0];
  if (token) {
    const at = template.indexOf(token);
    if (at >= 0 && template.indexOf(token, at + 1) < 0) return at + 1;
  }
  return template.length - template.trimStart().length + 1;
}

function withoutTrailingBlankLines(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === '') end--;
  return lines.slice(0, end);
}
