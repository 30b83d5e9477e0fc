// Which Kustomize patch set a field of a rendered object. The build runs with `buildMetadata:
// [transformerAnnotations]`, so kustomize names, per object, the kustomization files whose patch transformers ran on
// it (it does not say which patch, nor which field). Those kustomizations' patches — strategic merge and JSON 6902,
// in files or inline — are read here with their positions; a field is placed at a patch only when the patch sets it
// to the value the rendered object has (or created the part of the object the field is in, which the base does not
// have). Everything else stays at the base, which is named only for what the base itself sets
// (docs/decisions/0040).
import { dirname, isAbsolute, resolve } from 'node:path';
import { isScalar, type Node, parse, parseDocument } from 'yaml';
import { append } from '../../core/append.ts';
import { type LinearRegExp, linearRegExp } from '../../core/linear-regexp.ts';
import type { LoadedObject, Placement, SourcePosition } from '../../core/object.ts';
import { groupOf } from '../../core/object.ts';
import type { Path } from '../../core/path.ts';
import { readCarefully } from './parse-yaml.ts';
import { locateIn, positionFinder } from './positions.ts';
import { type ReadDocument, readWithEvents } from './read-events.ts';

/** Transformer kinds that apply patches, as kustomize names them in the transformations annotation. */
const PATCH_TRANSFORMERS = new Set([
  'PatchTransformer',
  'PatchStrategicMergeTransformer',
  'PatchJson6902Transformer',
]);

/** What a patch applies to: `target:` of a `patches`/`patchesJson6902` entry, or an SMP document's own identity. */
export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
  /** Names and namespaces of `target:` are regular expressions; an SMP document's own name is literal. */
  regex: boolean;
}

export interface Patch {
  type: 'strategic' | 'json6902';
  /** The file the patch is written in (a patch file, or the kustomization holding it inline), as a real path. */
  file: string;
  target: Selector | undefined;
  /** The SMP document (a mapping), or the list of JSON 6902 operations. */
  value: unknown;
  /** Where a path within `value` was written in `file`. */
  locate(path: Path): SourcePosition;
}

/** The kustomization files (as written in the annotation) whose patch transformers ran on an object, in order. */
export function patchingKustomizations(transformations: string | undefined): string[] {
  if (!transformations || transformations.length > 256 * 1024) return [];
  let list: unknown;
  try {
    list = parse(transformations, { maxAliasCount: 10 });
  } catch {
    return [];
  }
  if (!Array.isArray(list)) return [];
  const out: string[] = [];
  for (const item of list) {
    if (!isRecord(item) || typeof item.configuredIn !== 'string') continue;
    const kind = isRecord(item.configuredBy) ? item.configuredBy.kind : undefined;
    if (typeof kind === 'string' && PATCH_TRANSFORMERS.has(kind) && !out.includes(item.configuredIn))
      out.push(item.configuredIn);
  }
  return out;
}

/** The patches of one kustomization file, in the order kustomize applies them; `read` returns a file's text. */
export function readPatches(kustomizationFile: string, read: (file: string) => string | undefined): Patch[] {
  const text = read(kustomizationFile);
  if (text === undefined) return [];
  let document: ReturnType<typeof parseDocument>;
  try {
    document = parseDocument(text);
  } catch {
    return [];
  }
  if (document.errors.length > 0) return [];
  const root = document.toJS({ maxAliasCount: 10 }) as unknown;
  if (!isRecord(root)) return [];
  const base = dirname(kustomizationFile);
  const kustomizationAt = positionFinder(text);
  const out: Patch[] = [];
  const add = (
    entry: { path?: unknown; patch?: unknown; target?: unknown },
    at: Path,
    type?: Patch['type'],
  ) => {
    const target = selectorOf(entry.target);
    if (typeof entry.path === 'string') {
      const file = isAbsolute(entry.path) ? entry.path : resolve(base, entry.path);
      const patchText = read(file);
      if (patchText !== undefined) append(out, patchesIn(patchText, file, target, type, identity(patchText)));
    } else if (typeof entry.patch === 'string') {
      const node = document.getIn([...at, 'patch'], true) as Node | undefined;
      const place = inlinePlacement(node, text, kustomizationAt);
      append(out, patchesIn(entry.patch, kustomizationFile, target, type, place));
    }
  };
  const patches = root.patches;
  if (Array.isArray(patches))
    patches.forEach((entry, i) => {
      if (isRecord(entry)) add(entry, ['patches', i]);
    });
  const strategic = root.patchesStrategicMerge;
  if (Array.isArray(strategic))
    strategic.forEach((entry, i) => {
      if (typeof entry !== 'string') return;
      // A path when it names a file kustomize can read, else an inline patch.
      const file = !entry.includes('\n') && read(resolve(base, entry)) !== undefined;
      if (file) add({ path: entry }, ['patchesStrategicMerge', i], 'strategic');
      else {
        const node = document.getIn(['patchesStrategicMerge', i], true) as Node | undefined;
        append(
          out,
          patchesIn(
            entry,
            kustomizationFile,
            undefined,
            'strategic',
            inlinePlacement(node, text, kustomizationAt),
          ),
        );
      }
    });
  const json = root.patchesJson6902;
  if (Array.isArray(json))
    json.forEach((entry, i) => {
      if (isRecord(entry)) add(entry, ['patchesJson6902', i], 'json6902');
    });
  return out;
}

/** Maps a position in a patch's own text to the file it is written in. */
type TextPlacement = (position: SourcePosition) => SourcePosition;

const identity: (text: string) => TextPlacement = () => (position) => position;

/**
 * An inline patch is a scalar in the kustomization: in a literal block (`patch: |-`) each of its lines is a line of
 * the file, indented; any other style (a quoted or folded string) is placed at the scalar.
 */
function inlinePlacement(
  node: Node | undefined,
  text: string,
  position: (offset: number) => SourcePosition,
): TextPlacement {
  const start = node?.range?.[0] ?? 0;
  const at = position(start);
  if (!node || !isScalar(node) || node.type !== 'BLOCK_LITERAL') return () => at;
  const headerEnd = text.indexOf('\n', start);
  if (headerEnd < 0) return () => at;
  const header = text.slice(start, headerEnd);
  const explicit = /^\|[-+]?([1-9])/.exec(header)?.[1] ?? /^\|([1-9])/.exec(header)?.[1];
  const body = text.slice(headerEnd + 1).split('\n');
  const first = body.find((line) => line.trim() !== '');
  const parentIndent = explicit ? lineIndent(text, start) : 0;
  const indent = explicit
    ? parentIndent + Number(explicit)
    : first
      ? first.length - first.trimStart().length
      : 0;
  return (p) => ({ line: at.line + p.line, column: p.column + indent });
}

function lineIndent(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let i = lineStart;
  while (text[i] === ' ') i++;
  return i - lineStart;
}

/** The patch documents of one patch text: JSON 6902 when a document is a list of operations, else strategic merge. */
function patchesIn(
  text: string,
  file: string,
  target: Selector | undefined,
  type: Patch['type'] | undefined,
  place: TextPlacement,
): Patch[] {
  const position = positionFinder(text);
  let documents: readonly ReadDocument[];
  try {
    documents = readWithEvents(text) ?? readCarefully(text, file, position).documents;
  } catch {
    return [];
  }
  const out: Patch[] = [];
  for (const document of documents) {
    const value = document.value;
    const kind: Patch['type'] = type ?? (Array.isArray(value) ? 'json6902' : 'strategic');
    if (kind === 'json6902' ? !Array.isArray(value) : !isRecord(value)) continue;
    const start = position(document.rootAt ?? 0);
    out.push({
      type: kind,
      file,
      target: target ?? (kind === 'strategic' ? ownIdentity(value) : undefined),
      value,
      locate: (path) => place(locateIn(document.positions, document.rootAt, path, position, start)),
    });
  }
  return out;
}

function selectorOf(value: unknown): Selector | undefined {
  if (!isRecord(value)) return undefined;
  const out: Selector = { regex: true };
  for (const key of [
    'group',
    'version',
    'kind',
    'name',
    'namespace',
    'labelSelector',
    'annotationSelector',
  ] as const) {
    if (typeof value[key] === 'string') out[key] = value[key] as string;
  }
  return out;
}

/** An SMP document without a target applies to the object of its own kind, name (and namespace, if it has one). */
function ownIdentity(value: unknown): Selector | undefined {
  if (!isRecord(value)) return undefined;
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  const out: Selector = { regex: false };
  if (typeof value.kind === 'string') out.kind = value.kind;
  if (typeof value.apiVersion === 'string') out.group = groupOf(value.apiVersion);
  if (typeof metadata.name === 'string') out.name = metadata.name;
  if (typeof metadata.namespace === 'string') out.namespace = metadata.namespace;
  return out;
}

// ---- does a patch apply to an object ------------------------------------------------------------------------

/**
 * The patch may have applied to the object: kind, group and version as written; the name as the patch saw it,
 * which lies between the source's name and the rendered one (prefixes and suffixes are added by outer overlays);
 * label and annotation selectors against the rendered object. Loose on purpose where kustomize's own bookkeeping
 * is not visible — a patch is only credited with a field when it also sets that field's value.
 */
export function appliesTo(patch: Patch, rendered: LoadedObject, source: LoadedObject): boolean {
  const target = patch.target;
  if (!target) return false;
  const apiVersion = rendered.object.apiVersion;
  if (target.kind !== undefined && target.kind !== rendered.ref.kind) return false;
  if (target.group !== undefined && target.group !== groupOf(apiVersion)) return false;
  if (target.version !== undefined && target.version !== apiVersion.slice(apiVersion.indexOf('/') + 1))
    return false;
  const names = [rendered.ref.name, source.ref.name];
  if (target.name !== undefined) {
    if (target.regex) {
      if (!matchesAny(target.name, names)) return false;
    } else if (
      !names.includes(target.name) &&
      !(rendered.ref.name.includes(target.name) && target.name.includes(source.ref.name))
    )
      return false;
  }
  if (target.namespace !== undefined) {
    const namespaces = [rendered.ref.namespace ?? '', source.ref.namespace ?? ''];
    if (target.regex ? !matchesAny(target.namespace, namespaces) : !namespaces.includes(target.namespace))
      return false;
  }
  const metadata = rendered.object.metadata;
  if (target.labelSelector !== undefined && !selects(target.labelSelector, metadata.labels)) return false;
  if (target.annotationSelector !== undefined && !selects(target.annotationSelector, metadata.annotations))
    return false;
  return true;
}

/** kustomize anchors target patterns (Go regexp, which RE2 is); a pattern RE2 refuses is compared literally. */
function matchesAny(pattern: string, values: readonly string[]): boolean {
  let regex: LinearRegExp;
  try {
    regex = linearRegExp(`^(?:${pattern})$`);
  } catch {
    return values.includes(pattern);
  }
  return values.some((value) => regex.test(value));
}

/** A label selector in its string form (`a=b,c!=d,e in (f,g),!h,i`); one we cannot read selects everything. */
function selects(selector: string, labels: Record<string, unknown> | undefined): boolean {
  const have = (key: string) => (labels && Object.hasOwn(labels, key) ? String(labels[key]) : undefined);
  for (const raw of selector.split(/,(?![^(]*\))/)) {
    const term = raw.trim();
    if (term === '') continue;
    let m = /^([^\s!=]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
    if (m) {
      const equal = have(m[1]!) === m[3];
      if (m[2] === '!=' ? equal : !equal) return false;
      continue;
    }
    m = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (m) {
      const options = m[3]!.split(',').map((v) => v.trim());
      const value = have(m[1]!);
      const inside = value !== undefined && options.includes(value);
      if (m[2] === 'in' ? !inside : inside) return false;
      continue;
    }
    m = /^(!?)([^\s!=(),]+)$/.exec(term);
    if (m) {
      if ((have(m[2]!) !== undefined) === (m[1] === '!')) return false;
      continue;
    }
    return true;
  }
  return true;
}

// ---- which field a patch sets -------------------------------------------------------------------------------

/** Fields that identify an object: a patch names them to find its target, it does not set them. */
function isIdentity(path: Path): boolean {
  const [first, second] = path;
  if (path.length === 1) return first === 'apiVersion' || first === 'kind';
  return first === 'metadata' && (second === 'name' || second === 'namespace');
}

/**
 * Where the last patch that set the field at `path` (or created the part of the object it is in) wrote it, or
 * undefined when no patch did and the base keeps the finding. `baseDepth` is how deep the path goes into the base
 * object (sourcePath in kustomize-origin.ts); `rendered` is the rendered object.
 */
export function placeInPatches(
  patches: readonly Patch[],
  rendered: unknown,
  path: Path,
  baseDepth: number,
  label: (file: string) => string,
): Placement | undefined {
  const existing = existingDepth(rendered, path);
  const inRendered = path.slice(0, existing);
  if (isIdentity(inRendered)) return undefined;
  for (let i = patches.length - 1; i >= 0; i--) {
    const patch = patches[i]!;
    const at =
      patch.type === 'strategic'
        ? strategicPlace(patch, rendered, inRendered, baseDepth)
        : jsonPlace(patch, rendered, path, inRendered);
    if (at) return { file: label(patch.file), ...patch.locate(at) };
  }
  return undefined;
}

/**
 * An SMP document sets the field when it reaches deeper along the path than the base (it created that part), or
 * reaches the field itself and gives it the rendered value (a scalar, or a list of scalars, which SMP replaces).
 */
function strategicPlace(patch: Patch, rendered: unknown, path: Path, baseDepth: number): Path | undefined {
  const inPatch = sourcePath(rendered, patch.value, path);
  if (inPatch.length === 0 || isIdentity(path.slice(0, inPatch.length))) return undefined;
  if (inPatch.length > baseDepth) {
    // A part the patch created (the base has none) is the patch's even when a later transformer rewrote values in
    // it — vars or replacements substituting `$(SERVICE)` in its args, an `images:` entry retagging it: the items
    // were matched by their merge keys on the way, and the part has every key the patch gives it. A value the
    // patch gives differently is not the patch's line; the part around it, which the patch created, is.
    for (let depth = inPatch.length; depth > baseDepth; depth--) {
      const node = valueAt(rendered, path.slice(0, depth));
      const given = valueAt(patch.value, inPatch.slice(0, depth));
      if (isLeaf(given) ? contains(node, given) : sameShape(node, given)) return inPatch.slice(0, depth);
    }
    return undefined;
  }
  const renderedNode = valueAt(rendered, path.slice(0, inPatch.length));
  const patchNode = valueAt(patch.value, inPatch);
  if (inPatch.length === path.length && isLeaf(patchNode) && deepEqual(renderedNode, patchNode))
    return inPatch;
  return undefined;
}

/** Keys strategic merge patches match list items by: an item is followed by its key, not its index. */
const MERGE_KEYS = ['name', 'mountPath', 'containerPort', 'port', 'devicePath', 'ip'];

/**
 * The part of a path in the rendered object that also exists in the source object, with list indexes translated
 * through the items' merge keys (a patch that adds a container before another shifts indexes). It stops where the
 * two diverge: a field or list item the overlay added is located at its closest ancestor in the source.
 */
export function sourcePath(rendered: unknown, source: unknown, path: Path): Path {
  const out: (string | number)[] = [];
  let r = rendered;
  let s = source;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(r) || !Array.isArray(s)) break;
      const item: unknown = r[step];
      const index = sourceIndex(item, step, s);
      if (index === undefined) break;
      out.push(index);
      r = item;
      s = s[index];
    } else {
      if (!isRecord(s) || !Object.hasOwn(s, step)) break;
      out.push(step);
      r = isRecord(r) ? r[step] : undefined;
      s = s[step];
    }
  }
  return out;
}

function sourceIndex(item: unknown, index: number, source: readonly unknown[]): number | undefined {
  if (isRecord(item)) {
    for (const key of MERGE_KEYS) {
      const value = item[key];
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      const found = source.findIndex((s) => isRecord(s) && s[key] === value);
      return found >= 0 ? found : undefined;
    }
  }
  return index < source.length ? index : undefined;
}

/**
 * A JSON 6902 operation sets the field when it adds or replaces the field or a part of the object the field is in,
 * with the value the rendered object has there; a `remove` of the field (or of what held it) explains a field that
 * is missing. Operation paths index lists as they were when the patch ran; the value check guards against items
 * an outer overlay moved.
 */
function jsonPlace(patch: Patch, rendered: unknown, path: Path, inRendered: Path): Path | undefined {
  const operations = patch.value as unknown[];
  for (let i = operations.length - 1; i >= 0; i--) {
    const operation = operations[i];
    if (!isRecord(operation) || typeof operation.path !== 'string') continue;
    const target = pointer(operation.path, rendered, operation.value);
    if (!target || target.length === 0 || isIdentity(target)) continue;
    if (operation.op === 'remove') {
      if (inRendered.length < path.length && startsWith(path, target) && target.length > inRendered.length)
        return [i, 'path'];
      continue;
    }
    if (operation.op !== 'add' && operation.op !== 'replace') continue;
    if (!startsWith(inRendered, target)) continue;
    if (!contains(valueAt(rendered, target), operation.value)) continue;
    return [i, 'value', ...inRendered.slice(target.length)];
  }
  return undefined;
}

/** A JSON pointer as a path; `-` (append) becomes the index of the rendered item equal to the added value. */
function pointer(text: string, rendered: unknown, value: unknown): Path | undefined {
  if (text !== '' && !text.startsWith('/')) return undefined;
  const out: (string | number)[] = [];
  let node = rendered;
  for (const raw of text.split('/').slice(1)) {
    const step = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(node)) {
      const index = step === '-' ? lastIndexEqual(node, value) : /^\d+$/.test(step) ? Number(step) : -1;
      if (index < 0) return undefined;
      out.push(index);
      node = node[index];
    } else {
      out.push(step);
      node = isRecord(node) ? node[step] : undefined;
    }
  }
  return out;
}

function lastIndexEqual(list: readonly unknown[], value: unknown): number {
  for (let i = list.length - 1; i >= 0; i--) if (deepEqual(list[i], value)) return i;
  return -1;
}

// ---- values -------------------------------------------------------------------------------------------------

function existingDepth(value: unknown, path: Path): number {
  let node = value;
  let depth = 0;
  for (const step of path) {
    if (
      typeof step === 'number'
        ? !Array.isArray(node) || step >= node.length
        : !isRecord(node) || !Object.hasOwn(node, step)
    )
      break;
    node = (node as Record<string | number, unknown>)[step];
    depth++;
  }
  return depth;
}

function valueAt(value: unknown, path: Path): unknown {
  let node = value;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

function isLeaf(value: unknown): boolean {
  if (Array.isArray(value)) return value.every((v) => v === null || typeof v !== 'object');
  return value === null || typeof value !== 'object';
}

/**
 * The rendered value holds everything the patch value says: scalars equal, every key of a mapping (SMP directives
 * `$patch`, `$setElementOrder/…`, `$retainKeys` aside; a null deletes, so the key must be gone), every item of a
 * list (by merge key when it has one, else by position).
 */
export function contains(renderedValue: unknown, patchValue: unknown): boolean {
  return holds(renderedValue, patchValue, true);
}

/**
 * Like `contains`, with scalar values set aside: every key the patch gives (null: deleted) is there, and every
 * list item it names by a merge key is there with its own keys. Only for parts a patch created.
 */
export function sameShape(renderedValue: unknown, patchValue: unknown): boolean {
  return holds(renderedValue, patchValue, false);
}

function holds(renderedValue: unknown, patchValue: unknown, values: boolean): boolean {
  if (isRecord(patchValue)) {
    if (!isRecord(renderedValue)) return false;
    for (const [key, value] of Object.entries(patchValue)) {
      if (key.startsWith('$')) continue;
      if (value === null) {
        if (Object.hasOwn(renderedValue, key)) return false;
        continue;
      }
      if (!Object.hasOwn(renderedValue, key) || !holds(renderedValue[key], value, values)) return false;
    }
    return true;
  }
  if (Array.isArray(patchValue)) {
    if (!Array.isArray(renderedValue)) return false;
    return patchValue.every((item, i) => {
      if (!isRecord(item)) return !values || renderedValue.some((r) => deepEqual(r, item));
      const key = MERGE_KEYS.find((k) => typeof item[k] === 'string' || typeof item[k] === 'number');
      if (!key && !values) return true;
      const match = key ? renderedValue.find((r) => isRecord(r) && r[key] === item[key]) : renderedValue[i];
      return match !== undefined && holds(match, item, values);
    });
  }
  return !values || deepEqual(renderedValue, patchValue);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isRecord(a)) {
    if (!isRecord(b)) return false;
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]))
    );
  }
  return false;
}

function startsWith(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((step, i) => path[i] === step);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
