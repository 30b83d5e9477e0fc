// Parses YAML/JSON text into Kubernetes objects that remember where every field was written.
import { isMap, isPair, isScalar, isSeq, type Node, parseAllDocuments } from 'yaml';
import type { KubeObject, LoadedObject, ObjectOrigin, SourcePosition } from '../../core/object.ts';
import { deepFreeze, refOf } from '../../core/object.ts';
import type { Path } from '../../core/path.ts';
import type { Problem } from '../../core/problem.ts';

/** Caps alias expansion: a "billion laughs" document fails instead of eating memory. */
const MAX_ALIAS_COUNT = 1000;
/** Syntax errors reported per document; garbage input would otherwise yield one per character. */
const MAX_ERRORS_PER_DOCUMENT = 5;

/**
 * Plain scalars as Kubernetes reads them (sigs.k8s.io/yaml decodes with goyaml v2, a YAML 1.1 resolver): yes/no/on/
 * off/y/n in any of their three spellings are booleans, and a leading-zero integer is octal (`defaultMode: 0644` is
 * 420). Not the whole YAML 1.1 schema: goyaml v2 has no sexagesimal numbers (`10:30` stays a string) and keeps
 * timestamps as strings. Merge keys (`<<: *base`) are applied, as goyaml v2 does. docs/decisions/0021.
 */
const YAML11_BOOL = {
  tag: 'tag:yaml.org,2002:bool',
  default: true,
  test: /^(?:y|Y|yes|Yes|YES|on|On|ON|n|N|no|No|NO|off|Off|OFF)$/,
  resolve: (text: string) => /^(?:y|Y|yes|Yes|YES|on|On|ON)$/.test(text),
};
const YAML11_OCTAL = {
  tag: 'tag:yaml.org,2002:int',
  default: true,
  test: /^[-+]?0[0-7]+$/,
  resolve: (text: string) => (text.startsWith('-') ? -1 : 1) * Number.parseInt(text.replace(/^[-+]/, ''), 8),
};
export const KUBERNETES_YAML_OPTIONS = {
  customTags: (tags: import('yaml').Tags) => [YAML11_BOOL, YAML11_OCTAL, ...tags],
  merge: true,
};

export interface ParsedText {
  objects: LoadedObject[];
  problems: Problem[];
}

export function parseManifestText(text: string, file: string): ParsedText {
  const objects: LoadedObject[] = [];
  const problems: Problem[] = [];
  // Our own line table: the parser's LineCounter skips newlines it recovers over after a syntax error.
  const starts = lineStarts(text);
  const position = (offset: number): SourcePosition => {
    const line = lineOf(starts, offset);
    return { line: line + 1, column: offset - starts[line]! + 1 };
  };
  let documents: ReturnType<typeof parseAllDocuments>;
  try {
    documents = parseAllDocuments(text, {
      uniqueKeys: true,
      prettyErrors: false,
      strict: true,
      ...KUBERNETES_YAML_OPTIONS,
    });
  } catch (error) {
    problems.push({ kind: 'input', file, message: `cannot parse YAML: ${explain(error)}` });
    return { objects, problems };
  }
  const list = Array.isArray(documents) ? documents : [];
  list.forEach((doc, documentIndex) => {
    const docStart = doc.range?.[0] ?? 0;
    if (doc.errors.length > 0) {
      for (const error of doc.errors.slice(0, MAX_ERRORS_PER_DOCUMENT)) {
        const at = position(error.pos[0]);
        problems.push({ kind: 'input', file, ...at, message: `invalid YAML: ${explain(error)}` });
      }
      const more = doc.errors.length - MAX_ERRORS_PER_DOCUMENT;
      if (more > 0)
        problems.push({
          kind: 'input',
          file,
          ...position(docStart),
          message: `invalid YAML: ${more} more error(s) in this document not shown`,
        });
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      problems.push({
        kind: 'input',
        file,
        ...position(docStart),
        message: `invalid YAML: ${explain(error)}`,
      });
      return;
    }
    if (value === null || value === undefined) return; // empty document: nothing to review
    const at = position(doc.contents?.range?.[0] ?? docStart);
    const reason = notAnObjectReason(value);
    if (reason) {
      problems.push({ kind: 'input', file, ...at, message: reason });
      return;
    }
    const object = value as KubeObject;
    // Positions outlive the syntax tree: keep a compact tree of key/item offsets (a few KiB per object instead
    // of the parser's ~12 KiB of nodes), so memory stays flat as the number of objects grows.
    const positions = compact(doc.contents);
    const rootAt = doc.contents?.range?.[0];
    const origin = (prefix: Path): ObjectOrigin => ({
      file,
      document: documentIndex,
      locate: (path) => locateIn(positions, rootAt, [...prefix, ...path], position, at),
    });
    if (isListKind(object)) {
      const items = (object as { items?: unknown }).items;
      if (items !== undefined && items !== null && !Array.isArray(items)) {
        problems.push({ kind: 'input', file, ...at, message: `${object.kind} "items" is not a list` });
        return;
      }
      (items ?? []).forEach((item: unknown, i: number) => {
        const itemOrigin = origin(['items', i]);
        const itemReason = notAnObjectReason(item);
        if (itemReason) {
          problems.push({
            kind: 'input',
            file,
            ...itemOrigin.locate([]),
            message: `items[${i}]: ${itemReason}`,
          });
          return;
        }
        objects.push(loaded(item as KubeObject, itemOrigin));
      });
      return;
    }
    objects.push(loaded(object, origin([])));
  });
  return { objects, problems };
}

function loaded(object: KubeObject, origin: ObjectOrigin): LoadedObject {
  if (object.metadata === undefined || object.metadata === null) object.metadata = {};
  deepFreeze(object);
  return { object, ref: refOf(object), origin };
}

export function isListKind(object: KubeObject): boolean {
  return (
    object.kind === 'List' ||
    (object.kind.endsWith('List') && Array.isArray((object as { items?: unknown }).items))
  );
}

function notAnObjectReason(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return `not a Kubernetes object: the document is a ${Array.isArray(value) ? 'list' : typeof value}, not a mapping`;
  }
  const record = value as Record<string, unknown>;
  if ('services' in record && !('kind' in record)) {
    return 'not a Kubernetes object: this looks like a Docker Compose file (top-level "services", no "kind")';
  }
  const missing = ['apiVersion', 'kind'].filter(
    (key) => typeof record[key] !== 'string' || record[key] === '',
  );
  if (missing.length > 0)
    return `not a Kubernetes object: missing ${missing.map((k) => `"${k}"`).join(' and ')}`;
  if (record.metadata !== undefined && (record.metadata === null || typeof record.metadata !== 'object')) {
    return '"metadata" is not a mapping';
  }
  return undefined;
}

/** Offsets of keys (for map values) and items (for sequence items), with the same nesting as the document. */
interface Positions {
  /** Keys of a mapping; absent for a sequence. */
  keys?: string[];
  /** Offset of each key, or of each sequence item. */
  offsets: number[];
  /** Nested mappings and sequences (undefined for scalars and aliases); absent when all are scalars. */
  children: (Positions | undefined)[] | undefined;
}

/** Key names repeat across objects (name, image, containers…): share one string each. */
const internedKeys = new Map<string, string>();
function intern(key: string): string {
  const known = internedKeys.get(key);
  if (known !== undefined) return known;
  if (internedKeys.size < 50_000) internedKeys.set(key, key);
  return key;
}

function compact(node: unknown): Positions | undefined {
  // map() allocates exact lengths (push() over-allocates), and leaf-only levels keep no children array.
  if (isMap(node)) {
    const pairs = node.items.filter((pair) => isPair(pair) && isScalar(pair.key));
    const children = pairs.map((pair) => compact(pair.value));
    return {
      keys: pairs.map((pair) => intern(String((pair.key as { value: unknown }).value))),
      offsets: pairs.map((pair) => (pair.key as Node).range?.[0] ?? -1),
      children: children.some((c) => c !== undefined) ? children : undefined,
    };
  }
  if (isSeq(node)) {
    const children = node.items.map((item) => compact(item));
    return {
      offsets: node.items.map((item) => (item as Node | null)?.range?.[0] ?? -1),
      children: children.some((c) => c !== undefined) ? children : undefined,
    };
  }
  return undefined;
}

/** Finds the node for a path, falling back to the closest ancestor that exists. Points at keys for map values. */
function locateIn(
  root: Positions | undefined,
  rootAt: number | undefined,
  path: Path,
  position: (offset: number) => SourcePosition,
  fallback: SourcePosition,
): SourcePosition {
  let node = root;
  let best: SourcePosition = rootAt !== undefined ? position(rootAt) : fallback;
  for (const segment of path) {
    if (!node) break;
    let at: number;
    if (node.keys) {
      // The first pair with that key, as the object model reads it (duplicates are rejected earlier).
      at = node.keys.indexOf(String(segment));
    } else if (typeof segment === 'number') {
      at = segment < node.offsets.length ? segment : -1;
    } else {
      break;
    }
    if (at < 0) break;
    const offset = node.offsets[at]!;
    if (offset >= 0) best = position(offset);
    node = node.children?.[at];
  }
  return best;
}

/** Offsets at which each line starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 0-based line holding offset (binary search over the line starts). */
function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** The parser's message in the user's terms: resource limits say which limit and why. */
function explain(error: unknown): string {
  const message = firstLine(error instanceof Error ? error.message : String(error));
  if (/alias count|resource exhaustion/i.test(message))
    return `too many alias expansions (over ${MAX_ALIAS_COUNT}; a "billion laughs" alias bomb?); document not read`;
  if (/call stack|stack overflow/i.test(message)) return 'nesting too deep to parse; document not read';
  return message;
}
