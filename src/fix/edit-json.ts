// Fixes in a manifest written as JSON are edited in JSON syntax (jsonc-parser's modify/applyEdits), so the file
// stays JSON with its own indentation; every edit is verified like a YAML splice: the result must parse to
// exactly the value the edit describes.
import { isDeepStrictEqual } from 'node:util';
import {
  applyEdits as applyTextEdits,
  type FormattingOptions,
  findNodeAtLocation,
  modify,
  parseTree,
} from 'jsonc-parser';
import type { FixEdit } from '../core/check.ts';
import { applyToValue, EditError, type ObjectAddress } from './edit-yaml.ts';

/** A manifest written as JSON: one document that starts with { or [ and parses as JSON. */
export function isJsonText(text: string): boolean {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Applies edits (paths relative to the addressed object) to JSON text. Throws EditError when one cannot apply. */
export function applyJsonEdits(text: string, address: ObjectAddress, edits: readonly FixEdit[]): string {
  const formatting = formattingOf(text);
  let current = text;
  for (const edit of edits) {
    const path = [...address.prefix, ...edit.path];
    const before = JSON.parse(current) as unknown;
    const expected = applyToValue(before, { ...edit, path } as FixEdit);
    if (isDeepStrictEqual(expected, before)) continue;
    // Written on one line, the enclosing value stays on one line: formatting would re-flow all of it.
    const options = formatting && !onOneLine(current, path) ? { formattingOptions: formatting } : {};
    let changes: ReturnType<typeof modify>;
    if (edit.op === 'set') changes = modify(current, path, edit.value, options);
    else if (edit.op === 'remove') changes = modify(current, path, undefined, options);
    else {
      const list = valueAt(before, path);
      changes = Array.isArray(list)
        ? modify(current, [...path, list.length], edit.value, { ...options, isArrayInsertion: true })
        : modify(current, path, [edit.value], options);
    }
    const next = applyTextEdits(current, changes);
    let after: unknown;
    try {
      after = JSON.parse(next);
    } catch {
      throw new EditError(`${edit.op} at ${edit.path.join('.')} would not leave valid JSON`);
    }
    if (!isDeepStrictEqual(after, expected))
      throw new EditError(
        `${edit.op} at ${edit.path.join('.')} could not be applied without changing other content`,
      );
    current = next;
  }
  return current;
}

/** True when the deepest existing value on the path is written on a single line. */
function onOneLine(text: string, path: readonly (string | number)[]): boolean {
  const tree = parseTree(text);
  if (!tree) return false;
  for (let depth = path.length; depth >= 0; depth--) {
    const node = findNodeAtLocation(tree, path.slice(0, depth) as (string | number)[]);
    if (node) return !text.slice(node.offset, node.offset + node.length).includes('\n');
  }
  return false;
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** The file's own indentation (tabs or n spaces); undefined for a file on one line (edits stay compact). */
function formattingOf(text: string): FormattingOptions | undefined {
  const indented = /\n([ \t]+)\S/.exec(text);
  if (!indented) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = indented[1]!;
  if (indent.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol, keepLines: true };
  return { insertSpaces: true, tabSize: indent.length, eol, keepLines: true };
}
