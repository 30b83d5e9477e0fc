// Applies FixEdits to YAML source text by splicing only the lines that change, so comments, quoting, indentation
// and every untouched byte survive. The yaml Document API locates nodes (with source ranges); the new text is
// rendered with yaml's stringify and indented to match its surroundings. Every splice is verified: the edited
// document must parse to exactly the value the edit describes, or the edit is refused.
import { isDeepStrictEqual } from 'node:util';
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  parseAllDocuments,
  stringify,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { FixEdit } from '../core/check.ts';
import type { Path } from '../core/path.ts';
import { KUBERNETES_YAML_OPTIONS } from '../sources/files/parse-yaml.ts';

export class EditError extends Error {
  override name = 'EditError';
}

/** One object inside a file: which YAML document, and where the object sits in it (["items", 3] in a List). */
export interface ObjectAddress {
  document: number;
  prefix: Path;
}

// Kubernetes' scalar rules (parse-yaml.ts): a written string that Kubernetes would read as a boolean ("no") is quoted.
const BASE_RENDER = {
  lineWidth: 0,
  flowCollectionPadding: false,
  indentSeq: true,
  customTags: KUBERNETES_YAML_OPTIONS.customTags,
};
/** Set per applyEdits call: new lists follow the file's style of indenting (or not) a list under its key. */
let RENDER = BASE_RENDER;

/** True when the file writes lists level with their key ("containers:\n- name: a"), as kubectl does. */
export function usesFlushLists(text: string): boolean {
  // Line by line: a multiline regex with a back-reference to the indent was quadratic on long lines of colons.
  let flush = false;
  const lines = text.split('\n');
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i]!;
    const indent = line.length - line.trimStart().length;
    const first = line[indent];
    if (first === undefined || first === '#' || first === '-' || !line.trimEnd().endsWith(':')) continue;
    const spaces = line.slice(0, indent);
    if (spaces !== ' '.repeat(indent)) continue;
    const next = lines[i + 1]!;
    if (!next.startsWith(spaces)) continue;
    const rest = next.slice(indent);
    if (rest.startsWith('- ')) flush = true;
    else if (/^ +- /.test(rest)) return false;
  }
  return flush;
}

/** Applies edits (paths relative to the addressed object) in order. Throws EditError when one cannot apply. */
export function applyEdits(text: string, address: ObjectAddress, edits: readonly FixEdit[]): string {
  let current = text;
  RENDER = { ...BASE_RENDER, indentSeq: !usesFlushLists(text) };
  for (const edit of edits) {
    const full = { ...edit, path: [...address.prefix, ...edit.path] } as FixEdit;
    current = applyEdit(current, address.document, full);
  }
  return current;
}

function parseDoc(text: string, document: number) {
  const docs = parseAllDocuments(text, { uniqueKeys: true, strict: true, ...KUBERNETES_YAML_OPTIONS });
  if (!Array.isArray(docs)) throw new EditError('the file is empty');
  const doc = docs[document];
  if (!doc) throw new EditError(`document ${document} not found`);
  if (doc.errors.length > 0) throw new EditError(`the document does not parse: ${doc.errors[0]!.message}`);
  return doc;
}

function applyEdit(text: string, document: number, edit: FixEdit): string {
  const doc = parseDoc(text, document);
  const before = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  const expected = applyToValue(before, edit);
  if (isDeepStrictEqual(expected, before)) return text; // already in the wanted state
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const out = splice(text, doc.contents as Node | null, edit, eol);
  const after = parseDoc(out, document).toJS({ maxAliasCount: 1000 }) as unknown;
  if (!isDeepStrictEqual(after, expected)) {
    throw new EditError(
      `${edit.op} at ${edit.path.join('.')} could not be applied without changing other content`,
    );
  }
  return out;
}

// ---- the value an edit is meant to produce (for verification) ----

/** The value an edit is meant to produce (for verification of any splice, YAML or JSON). */
export function applyToValue(root: unknown, edit: FixEdit): unknown {
  const copy = structuredClone(root);
  const { path } = edit;
  if (path.length === 0) throw new EditError('an edit needs a path');
  let node = copy as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    let next = node[key];
    if (next === undefined || next === null) {
      if (edit.op === 'remove') return copy;
      if (typeof path[i + 1] === 'number')
        throw new EditError(`cannot create list index at ${path.join('.')}`);
      next = {};
      node[key] = next;
    }
    if (typeof next !== 'object')
      throw new EditError(`"${path.slice(0, i + 1).join('.')}" is not a mapping or list`);
    node = next as Record<string | number, unknown>;
  }
  const last = path.at(-1)!;
  if (edit.op === 'set') node[last] = structuredClone(edit.value);
  else if (edit.op === 'remove') {
    if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
    else delete node[last];
  } else {
    const list = node[last];
    if (list === undefined || list === null) node[last] = [structuredClone(edit.value)];
    else if (!Array.isArray(list)) throw new EditError(`"${path.join('.')}" is not a list`);
    else if (!list.some((item) => isDeepStrictEqual(item, edit.value)))
      list.push(structuredClone(edit.value));
  }
  return copy;
}

// ---- text splicing ----

interface Step {
  /** The collection holding the step's key. */
  parent: YAMLMap | YAMLSeq;
  pair?: Pair;
  node: Node | null;
}

function splice(text: string, root: Node | null, edit: FixEdit, eol: string): string {
  const { path } = edit;
  const steps: Step[] = [];
  let node: Node | null = root;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key),
      );
      if (!pair) {
        if (edit.op === 'remove') return text;
        return insertIntoMap(text, node, steps.at(-1), build(path.slice(i), valueFor(edit)), eol);
      }
      steps.push({ parent: node, pair: pair as Pair, node: (pair.value as Node | null) ?? null });
      node = (pair.value as Node | null) ?? null;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as Node | undefined;
      if (!item) {
        if (edit.op === 'remove') return text;
        throw new EditError(`list index ${key} does not exist`);
      }
      steps.push({ parent: node, node: item });
      node = item;
    } else if (isNull(node) && steps.length > 0 && typeof key === 'string') {
      if (edit.op === 'remove') return text;
      return replaceValue(text, steps.at(-1)!, build(path.slice(i), valueFor(edit)), eol);
    } else {
      throw new EditError(`"${path.slice(0, i).join('.') || '(document)'}" is not a mapping or list`);
    }
  }
  const target = steps.at(-1)!;
  if (edit.op === 'set') return replaceValue(text, target, edit.value, eol);
  if (edit.op === 'remove') return removeStep(text, target, steps.at(-2), eol);
  // append
  if (isNull(target.node)) return replaceValue(text, target, [edit.value], eol);
  if (!isSeq(target.node)) throw new EditError(`"${path.join('.')}" is not a list`);
  return appendToSeq(text, target.node, target, edit.value, eol);
}

function valueFor(edit: FixEdit): unknown {
  if (edit.op === 'set') return edit.value;
  if (edit.op === 'append') return [edit.value];
  return undefined;
}

/** {a: {b: value}} from ["a", "b"]; list indexes cannot be created. */
function build(rest: Path, value: unknown): unknown {
  let out = value;
  for (let i = rest.length - 1; i >= 0; i--) {
    const key = rest[i]!;
    if (typeof key === 'number') throw new EditError('cannot create a list item at an index');
    out = { [key]: out };
  }
  return out;
}

function isNull(node: Node | null | undefined): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

function isFlow(node: Node | null): boolean {
  return (isMap(node) || isSeq(node)) && Boolean(node.flow);
}

function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset of the end of the line holding the last non-blank character before `offset`. */
function endOfContent(text: string, offset: number): number {
  let i = Math.min(offset, text.length) - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  const newline = text.indexOf('\n', i + 1);
  if (newline === -1) return text.length;
  return text[newline - 1] === '\r' ? newline - 1 : newline;
}

function nodeEnd(node: Node | null | undefined, fallback: number): number {
  return node?.range ? node.range[1] : fallback;
}

function indentLines(block: string, indent: number, eol: string, skipFirst = false): string {
  const pad = ' '.repeat(indent);
  return block
    .replace(/\n$/, '')
    .split('\n')
    .map((line, i) => ((skipFirst && i === 0) || line === '' ? line : pad + line))
    .join(eol);
}

function renderFlow(value: unknown): string {
  return stringify(value, { ...RENDER, collectionStyle: 'flow' }).trimEnd();
}

function renderScalar(value: unknown): string {
  return stringify(value, { ...RENDER, blockQuote: false }).trimEnd();
}

function isCollection(value: unknown): boolean {
  return value !== null && typeof value === 'object';
}

/** Adds the keys of `addition` (one key, possibly nested) to a map that lacks it. */
function insertIntoMap(
  text: string,
  map: YAMLMap,
  holder: Step | undefined,
  addition: unknown,
  eol: string,
): string {
  if (map.flow) {
    if (map.items.length === 0 && holder?.pair) return replaceValue(text, holder, addition, eol);
    const merged = { ...(map.toJSON() as Record<string, unknown>), ...(addition as Record<string, unknown>) };
    return replaceRange(text, map.range![0], map.range![1], renderFlow(merged));
  }
  const first = map.items[0];
  if (!first || !(first.key as Node | null)?.range)
    throw new EditError('cannot place a key in an empty mapping');
  const indent = column(text, (first.key as Node).range![0]);
  const last = map.items.at(-1)!;
  const at = endOfContent(text, nodeEnd(last.value as Node | null, (last.key as Node).range![1]));
  const block = indentLines(stringify(addition, RENDER), indent, eol);
  return text.slice(0, at) + eol + block + text.slice(at);
}

/** Gives an existing key (or list item) a new value. */
function replaceValue(text: string, step: Step, value: unknown, eol: string): string {
  const node = step.node;
  const pair = step.pair;
  if (!pair) {
    // A list item: only scalars are replaced in place.
    if (node && isScalar(node) && !isCollection(value) && node.range)
      return replaceRange(text, node.range[0], node.range[1], renderScalar(value));
    throw new EditError('replacing a list item that is a mapping or list is not supported');
  }
  const key = pair.key as Node;
  const keyStart = key.range![0];
  const keyCol = column(text, keyStart);
  if (!isCollection(value)) {
    if (node && isScalar(node) && node.range) {
      if (node.range[1] > node.range[0])
        return replaceRange(text, node.range[0], node.range[1], renderScalar(value));
      return replaceRange(text, node.range[0], node.range[0], ` ${renderScalar(value)}`);
    }
  }
  const onKeyLine = (offset: number) => text.lastIndexOf('\n', offset - 1) < keyStart;
  if (
    isCollection(value) &&
    (isNull(node) || isFlow(node) || (node && isScalar(node))) &&
    (!node?.range || onKeyLine(node.range[0]))
  ) {
    // key: <inline value>  →  key:\n  <block>; a comment after the inline value stays on the key's line.
    let out = text;
    let lineEnd: number;
    if (node?.range && node.range[1] > node.range[0]) {
      let from = node.range[0];
      while (from > 0 && (out[from - 1] === ' ' || out[from - 1] === '\t')) from--;
      out = out.slice(0, from) + out.slice(node.range[1]);
      lineEnd = endOfContent(out, from + 1);
      if (out.slice(from, lineEnd).trim() === '') lineEnd = from;
    } else {
      lineEnd = endOfContent(out, (node?.range?.[0] ?? key.range![1]) + 1);
    }
    if (isEmptyCollection(value)) return out.slice(0, lineEnd) + ` ${renderFlow(value)}` + out.slice(lineEnd);
    const block = indentLines(stringify(value, RENDER), keyCol + 2, eol);
    return out.slice(0, lineEnd) + eol + block + out.slice(lineEnd);
  }
  // Replace the whole pair: from the key to the end of its value.
  const end = endOfContent(text, nodeEnd(node, key.range![1]));
  const rendered = isEmptyCollection(value)
    ? `${stringify({ [String(keyText(pair))]: null }, RENDER)
        .trimEnd()
        .replace(/:\s*null$/, ':')} ${renderFlow(value)}`
    : indentLines(stringify({ [String(keyText(pair))]: value }, RENDER), keyCol, eol, true);
  return replaceRange(text, keyStart, end, rendered);
}

function keyText(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

function isEmptyCollection(value: unknown): boolean {
  return isCollection(value) && Object.keys(value as object).length === 0;
}

function replaceRange(text: string, from: number, to: number, replacement: string): string {
  return text.slice(0, from) + replacement + text.slice(to);
}

function appendToSeq(text: string, seq: YAMLSeq, step: Step, value: unknown, eol: string): string {
  if (seq.flow || seq.items.length === 0) {
    const merged = [...(seq.toJSON() as unknown[]), value];
    if (seq.flow) return replaceRange(text, seq.range![0], seq.range![1], renderFlow(merged));
    return replaceValue(text, step, merged, eol);
  }
  const firstItem = seq.items[0] as Node;
  // The dash of the first item sits at the sequence's start.
  const dashCol = column(text, seq.range![0]);
  if (!firstItem.range || text[seq.range![0]] !== '-') throw new EditError('unexpected list layout');
  const last = seq.items.at(-1) as Node;
  const at = endOfContent(text, nodeEnd(last, seq.range![1]));
  const rendered = isCollection(value)
    ? `- ${indentLines(stringify(value, RENDER), dashCol + 2, eol, true)}`
    : `- ${renderScalar(value)}`;
  return text.slice(0, at) + eol + ' '.repeat(dashCol) + rendered + text.slice(at);
}

function removeStep(text: string, step: Step, holder: Step | undefined, eol: string): string {
  const parent = step.parent;
  if (parent.flow) {
    const value = parent.toJSON() as Record<string, unknown> | unknown[];
    if (Array.isArray(value)) value.splice(parent.items.indexOf(step.node as never), 1);
    else delete value[String(keyText(step.pair!))];
    return replaceRange(text, parent.range![0], parent.range![1], renderFlow(value));
  }
  if (parent.items.length === 1 && holder) {
    return replaceValue(text, holder, isSeq(parent) ? [] : {}, eol);
  }
  const start = step.pair ? (step.pair.key as Node).range![0] : dashOf(text, step.node);
  const from = lineStart(text, start);
  if (text.slice(from, start).trim() !== '') {
    throw new EditError('removing the first key of a list item is not supported');
  }
  const end = endOfContent(text, nodeEnd(step.node, start));
  const after = text.startsWith(eol, end) ? end + eol.length : end;
  return text.slice(0, from) + text.slice(after);
}

function dashOf(text: string, node: Node | null): number {
  const start = node?.range?.[0];
  if (start === undefined) throw new EditError('list item has no position');
  const dash = text.lastIndexOf('-', start);
  if (dash === -1) throw new EditError('list item has no dash');
  return dash;
}
