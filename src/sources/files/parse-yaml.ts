// Parses YAML/JSON text into Kubernetes objects that remember where every field was written.
import { isMap, isPair, isScalar, isSeq, type Node, parseAllDocuments } from 'yaml';
import type { KubeObject, LoadedObject, ObjectOrigin, SourcePosition } from '../../core/object.ts';
import { refOf } from '../../core/object.ts';
import type { Path } from '../../core/path.ts';
import { formatPath, getAt } from '../../core/path.ts';
import type { Problem } from '../../core/problem.ts';
import { MAX_ALIAS_COUNT } from './alias-limit.ts';
import { compactFreeze } from './compact-value.ts';
import { notKubernetesReason } from './not-kubernetes.ts';
import { locateIn, type Positions, PositionsBuilder, positionFinder } from './positions.ts';
import { type ReadDocument, readWithEvents } from './read-events.ts';
import { OCTAL_INT, octalValue, YAML11_FALSE, YAML11_TRUE } from './yaml-1-1.ts';

/** Syntax errors reported per document; garbage input would otherwise yield one per character. */
const MAX_ERRORS_PER_DOCUMENT = 5;

/** YAML 1.1 booleans and octal (yaml-1-1.ts) before the core schema's tags; merge keys applied, as goyaml v2 does. */
const YAML11_BOOL = {
  tag: 'tag:yaml.org,2002:bool',
  default: true,
  test: new RegExp(`${YAML11_TRUE.source}|${YAML11_FALSE.source}`),
  resolve: (text: string) => YAML11_TRUE.test(text),
};
const YAML11_OCTAL = {
  tag: 'tag:yaml.org,2002:int',
  default: true,
  test: OCTAL_INT,
  resolve: octalValue,
};
export const KUBERNETES_YAML_OPTIONS = {
  customTags: (tags: import('yaml').Tags) => [YAML11_BOOL, YAML11_OCTAL, ...tags],
  merge: true,
};

export interface ParsedText {
  objects: LoadedObject[];
  problems: Problem[];
  /** With `skipNonKubernetes`: why the text is clearly not a Kubernetes manifest (then nothing else is set). */
  notKubernetes?: string;
}

/**
 * Objects of a YAML/JSON text, each able to say where any of its fields was written. With `skipNonKubernetes`
 * (files met while walking a directory), a text that is clearly not a manifest is skipped instead of being read
 * into "not a Kubernetes object" errors.
 */
export function parseManifestText(
  text: string,
  file: string,
  options: { skipNonKubernetes?: boolean } = {},
): ParsedText {
  const position = positionFinder(text);
  const fast = readWithEvents(text);
  const careful = fast ? undefined : readCarefully(text, file, position);
  const documents = fast ?? careful!.documents;
  const problems = careful?.problems ?? [];
  if (options.skipNonKubernetes) {
    const skipped = notKubernetesReason(file, text, documents, problems.length === 0);
    if (skipped) return { objects: [], problems: [], notKubernetes: skipped };
  }
  return toObjects(documents, problems, file, position);
}

/** The reference reading with the yaml package: recovers per document and explains every syntax error. */
export function readCarefully(
  text: string,
  file: string,
  position: (offset: number) => SourcePosition = positionFinder(text),
): { documents: ReadDocument[]; problems: Problem[] } {
  const documents: ReadDocument[] = [];
  const problems: Problem[] = [];
  let parsed: ReturnType<typeof parseAllDocuments>;
  try {
    parsed = parseAllDocuments(text, {
      uniqueKeys: true,
      prettyErrors: false,
      strict: true,
      // The yaml package reports oddities such as a mapping used as a key ({{cell}} left in a template) through
      // process.emitWarning, which Node prints on stderr unasked; the schema checks report the object instead.
      logLevel: 'error',
      ...KUBERNETES_YAML_OPTIONS,
    });
  } catch (error) {
    problems.push({ kind: 'input', file, message: `cannot parse YAML: ${explain(error)}` });
    return { documents, problems };
  }
  const list = Array.isArray(parsed) ? parsed : [];
  list.forEach((doc, index) => {
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
    // Positions outlive the syntax tree: keep one typed array of key/item offsets (about 1 KiB per object instead
    // of the parser's ~12 KiB of nodes; decision 0046), the same the fast reader builds.
    documents.push({
      index,
      value,
      positions: compact(doc.contents),
      rootAt: doc.contents?.range?.[0] ?? docStart,
    });
  });
  return { documents, problems };
}

function toObjects(
  documents: readonly ReadDocument[],
  problems: Problem[],
  file: string,
  position: (offset: number) => SourcePosition,
): ParsedText {
  const objects: LoadedObject[] = [];
  // Values repeated across the file's objects are held once (compact-value.ts).
  const fileStrings = new Map<string, string>();
  for (const { index, value, positions, rootAt, aliased } of documents) {
    if (value === null || value === undefined) continue; // empty document: nothing to review
    const reason = notAnObjectReason(value);
    if (reason) {
      problems.push({ kind: 'input', file, ...position(rootAt ?? 0), message: reason });
      continue;
    }
    const object = value as KubeObject;
    // One small record per object and one shared locate function, not a closure per object (decision 0046).
    const origin = (prefix: Path | undefined): DocumentOrigin => ({
      file,
      document: index,
      locate: locateInDocument,
      positions,
      rootAt,
      position,
      prefix,
    });
    if (isListKind(object)) {
      const items = (object as { items?: unknown }).items;
      if (items !== undefined && items !== null && !Array.isArray(items)) {
        problems.push({
          kind: 'input',
          file,
          ...position(rootAt ?? 0),
          message: `${object.kind} "items" is not a list`,
        });
        continue;
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
        if (!reportOddValues(item as KubeObject, itemOrigin, file, problems))
          objects.push(loaded(item as KubeObject, itemOrigin, aliased !== false, fileStrings));
      });
      continue;
    }
    const whole = origin(undefined);
    if (!reportOddValues(object, whole, file, problems))
      objects.push(loaded(object, whole, aliased !== false, fileStrings));
  }
  return { objects, problems };
}

/** The origin of an object read from a document; spreading it (`{ ...origin, scope }`) keeps it working. */
interface DocumentOrigin extends ObjectOrigin {
  positions: Positions | undefined;
  rootAt: number | undefined;
  position: (offset: number) => SourcePosition;
  /** Where the object sits in its document: items[i] of a List. */
  prefix: Path | undefined;
}

function locateInDocument(this: DocumentOrigin, path: Path): SourcePosition {
  return locateIn(this.positions, this.rootAt, this.prefix ? [...this.prefix, ...path] : path, this.position);
}

function loaded(
  object: KubeObject,
  origin: ObjectOrigin,
  aliased: boolean,
  fileStrings: Map<string, string>,
): LoadedObject {
  if (object.metadata === undefined || object.metadata === null) object.metadata = {};
  const frozen = compactFreeze(object, aliased, fileStrings);
  return { object: frozen, ref: refOf(frozen), origin };
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
  for (const key of ['apiVersion', 'kind']) {
    const value = record[key];
    if (value === undefined || value === null || value === '' || typeof value === 'string') continue;
    // apiVersion: 1, kind: true — present, but not the text Kubernetes needs.
    const example = key === 'apiVersion' ? '"apps/v1" or "v1"' : '"Deployment"';
    return `not a Kubernetes object: "${key}" is ${describeValue(value)}, not text; write it as a string such as ${example}`;
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

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `the ${typeof value} ${String(value)}`;
}

/**
 * Values JSON (and so the API server) cannot take, and list items left empty: `.inf`/`.nan` make the object
 * unsendable; a bare "-" becomes an empty entry. The first few, with their paths.
 */
function oddValues(
  value: unknown,
  path: Path = [],
  out: { path: Path; kind: 'number' | 'null' }[] = [],
  seen = new Set<object>(),
) {
  if (out.length >= 5) return out;
  if (typeof value === 'number' && !Number.isFinite(value)) out.push({ path, kind: 'number' });
  if (value === null || typeof value !== 'object' || seen.has(value)) return out;
  // Aliases share (and a self-referencing one loops back to) a node: each is walked once.
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (item === null || item === undefined) {
        if (out.length < 5) out.push({ path: [...path, i], kind: 'null' });
      } else oddValues(item, [...path, i], out, seen);
    });
  } else for (const [key, item] of Object.entries(value)) oddValues(item, [...path, key], out, seen);
  return out;
}

/** Problems for oddValues; true when the object cannot be reviewed at all (a non-finite number). */
function reportOddValues(
  object: KubeObject,
  origin: ObjectOrigin,
  file: string,
  problems: Problem[],
): boolean {
  let unsendable = false;
  for (const { path, kind } of oddValues(object)) {
    const where = formatPath(path);
    if (kind === 'number') {
      unsendable = true;
      problems.push({
        kind: 'input',
        file,
        ...origin.locate(path),
        message: `"${where}" is ${String(getAt(object, path))} (.inf or .nan): Kubernetes takes only finite numbers, so this object cannot be applied; write a number`,
      });
    } else
      problems.push({
        kind: 'input',
        level: 'warning',
        file,
        ...origin.locate(path),
        message: `"${where}" is an empty list item (null, or a "-" with nothing after it): Kubernetes reads it as an empty entry; remove it or fill it in`,
      });
  }
  return unsendable;
}

function compact(node: unknown): Positions | undefined {
  const builder = new PositionsBuilder();
  addNode(node, builder);
  return builder.finish();
}

function addNode(node: unknown, builder: PositionsBuilder): void {
  if (isMap(node)) {
    builder.openMap();
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      builder.key(String(pair.key.value), pair.key.range?.[0] ?? -1);
      addNode(pair.value, builder);
    }
    builder.close();
  } else if (isSeq(node)) {
    builder.openSeq();
    for (const item of node.items) {
      builder.item((item as Node | null)?.range?.[0] ?? -1);
      addNode(item, builder);
    }
    builder.close();
  }
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
