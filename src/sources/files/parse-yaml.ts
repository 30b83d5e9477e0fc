// Parses YAML/JSON text into Kubernetes objects that remember where every field was written.
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from 'yaml';
import type { KubeObject, LoadedObject, ObjectOrigin, SourcePosition } from '../../core/object.ts';
import { deepFreeze, refOf } from '../../core/object.ts';
import type { Path } from '../../core/path.ts';
import type { Problem } from '../../core/problem.ts';

/** Caps alias expansion: a "billion laughs" document fails instead of eating memory. */
const MAX_ALIAS_COUNT = 1000;
/** Syntax errors reported per document; garbage input would otherwise yield one per character. */
const MAX_ERRORS_PER_DOCUMENT = 5;

export interface ParsedText {
  objects: LoadedObject[];
  problems: Problem[];
}

export function parseManifestText(text: string, file: string): ParsedText {
  const objects: LoadedObject[] = [];
  const problems: Problem[] = [];
  const lineCounter = new LineCounter();
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  let documents: ReturnType<typeof parseAllDocuments>;
  try {
    documents = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
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
    const origin = (prefix: Path): ObjectOrigin => ({
      file,
      document: documentIndex,
      locate: (path) => locateIn(doc.contents, [...prefix, ...path], position, at),
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

/** Finds the node for a path, falling back to the closest ancestor that exists. Points at keys for map values. */
function locateIn(
  root: Node | null | undefined,
  path: Path,
  position: (offset: number) => SourcePosition,
  fallback: SourcePosition,
): SourcePosition {
  let node: unknown = root;
  let best: SourcePosition = root && (root as Node).range ? position((root as Node).range![0]) : fallback;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
      );
      if (!pair) break;
      const keyRange = (pair.key as Node).range;
      if (keyRange) best = position(keyRange[0]);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (!item) break;
      const range = (item as Node).range;
      if (range) best = position(range[0]);
      node = item;
    } else {
      break;
    }
  }
  return best;
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
