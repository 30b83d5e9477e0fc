// Where each object of a Kustomize build was written. The build runs with `buildMetadata: [originAnnotations]`
// (render.ts wraps the user's directory, never editing it), so kustomize annotates every object with
// `config.kubernetes.io/origin`: the resource file it was read from (`path:`), the kustomization whose generator
// made it (`configuredIn:`), or a remote repository (`repo:`). The annotation is removed before review; the object
// is attributed to the source file and the document in it of the same kind whose name the rendered name contains
// (namePrefix/nameSuffix), and paths are located in that source document (docs/decisions/0021).
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import {
  deepFreeze,
  groupOf,
  type KubeObject,
  type LoadedObject,
  type ObjectOrigin,
  refOf,
  type SourcePosition,
} from '../../core/object.ts';
import type { Path } from '../../core/path.ts';
import { parseManifestText, readCarefully } from './parse-yaml.ts';
import { locateIn, positionFinder } from './positions.ts';
import { type ReadDocument, readWithEvents } from './read-events.ts';

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';

/** Source files larger than this are not read for positions (the object keeps the rendered position). */
const MAX_SOURCE_BYTES = 32 * 1024 * 1024;

/** What kustomize's origin annotation says. */
export interface KustomizeOrigin {
  /** The resource file, relative to the build's root (to the repository's root when `repo` is set). */
  path?: string;
  repo?: string;
  ref?: string;
  /** The kustomization file whose generator made the object, relative to the build's root. */
  configuredIn?: string;
  configuredBy?: { apiVersion?: string; kind?: string; name?: string };
}

/** Reads the annotation's value (a small YAML mapping); anything else is no origin. */
export function parseOrigin(value: unknown): KustomizeOrigin | undefined {
  if (typeof value !== 'string' || value.length > 64 * 1024) return undefined;
  // The common case, one plain `path:` line naming a file, without a YAML parser per object (a value with a slash
  // or a manifest extension cannot be a YAML number, boolean or null; anything else goes to the parser).
  const simple = /^path: ([^\s'"#&*!|>%@`{[][^\n'"#]*)\n?$/.exec(value);
  // Trailing blanks trimmed here: a lazy capture followed by [ \t]* was quadratic on a long run of tabs.
  const path = simple?.[1]?.replace(/(?<![ \t])[ \t]+$/, '');
  if (path && !path.includes(': ') && (path.includes('/') || /\.(?:ya?ml|json)$/i.test(path)))
    return { path };
  let parsed: unknown;
  try {
    parsed = parse(value, { maxAliasCount: 10 });
  } catch {
    return undefined;
  }
  if (!isRecord(parsed)) return undefined;
  const out: KustomizeOrigin = {};
  for (const key of ['path', 'repo', 'ref', 'configuredIn'] as const) {
    const field = parsed[key];
    if (typeof field === 'string' && field !== '') out[key] = field;
  }
  const by = parsed.configuredBy;
  if (isRecord(by)) {
    const configuredBy: NonNullable<KustomizeOrigin['configuredBy']> = {};
    for (const key of ['apiVersion', 'kind', 'name'] as const) {
      if (typeof by[key] === 'string') configuredBy[key] = by[key];
    }
    out.configuredBy = configuredBy;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Removes the origin annotation from one rendered document's text, as kustomize (kyaml) writes it: a literal block
 * under `metadata.annotations`, dropping `annotations:` when it held nothing else. The remaining text is the plain
 * build's text, so objects kept at their rendered position have the lines `kustomize build` prints. Text of any
 * other shape is returned unchanged (the object-level strip still removes the annotation).
 */
export function stripOriginText(text: string): { text: string; origin?: string } {
  const lines = text.split('\n');
  const at = lines.findIndex((line) => /^ +config\.kubernetes\.io\/origin: \|[-+]?[ \t]*\r?$/.test(line));
  if (at < 0) return { text };
  const keyIndent = indentOf(lines[at]!);
  const parent = previousLessIndented(lines, at, keyIndent);
  if (parent < 0 || !/^ *annotations:[ \t]*\r?$/.test(lines[parent]!)) return { text };
  const parentIndent = indentOf(lines[parent]!);
  const metadata = previousLessIndented(lines, parent, parentIndent);
  if (metadata < 0 || !/^metadata:[ \t]*\r?$/.test(lines[metadata]!)) return { text };
  let end = at + 1;
  while (end < lines.length && (lines[end]!.trim() === '' || indentOf(lines[end]!) > keyIndent)) end++;
  const block = lines.slice(at + 1, end);
  const contentIndent = block
    .filter((l) => l.trim() !== '')
    .reduce((least, l) => Math.min(least, indentOf(l)), Number.POSITIVE_INFINITY);
  const origin = block.map((l) => l.slice(Number.isFinite(contentIndent) ? contentIndent : 0)).join('\n');
  // `annotations:` goes too when the origin was its only entry.
  const alone = parent === at - 1 && (end >= lines.length || indentOf(lines[end]!) <= parentIndent);
  const from = alone ? parent : at;
  return { text: [...lines.slice(0, from), ...lines.slice(end)].join('\n'), origin: `${origin}\n` };
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function previousLessIndented(lines: readonly string[], from: number, indent: number): number {
  for (let i = from - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (indentOf(line) < indent) return i;
  }
  return -1;
}

/**
 * The object without the origin annotation (and without `metadata.annotations` when that was its only entry), as
 * a new frozen object; the annotation's value is returned beside it. Objects without it are returned as they are.
 */
export function withoutOriginAnnotation(loaded: LoadedObject): { loaded: LoadedObject; origin?: string } {
  const annotations = loaded.object.metadata?.annotations;
  if (!isRecord(annotations) || !Object.hasOwn(annotations, ORIGIN_ANNOTATION)) return { loaded };
  const value = annotations[ORIGIN_ANNOTATION];
  const object = structuredClone(loaded.object) as KubeObject;
  const copy = object.metadata.annotations as Record<string, unknown>;
  delete copy[ORIGIN_ANNOTATION];
  if (Object.keys(copy).length === 0) delete object.metadata.annotations;
  deepFreeze(object);
  const out: LoadedObject = loaded.origin
    ? { object, ref: refOf(object), origin: loaded.origin }
    : { object, ref: refOf(object) };
  return typeof value === 'string' ? { loaded: out, origin: value } : { loaded: out };
}

/**
 * The source object a rendered object came from: same kind, a name the rendered name contains (kustomize adds
 * prefixes and suffixes); an exact name first, then the longest; same API group and namespace break ties.
 */
export function matchSource(
  rendered: LoadedObject,
  candidates: readonly LoadedObject[],
): LoadedObject | undefined {
  return indexSources(candidates).match(rendered);
}

export interface SourceIndex {
  match(rendered: LoadedObject): LoadedObject | undefined;
}

/**
 * Source objects by kind and name, and the lengths their names have: a rendered name is matched by looking up its
 * substrings of those lengths, longest first, so a file of thousands of objects is not scanned per object.
 */
export function indexSources(candidates: readonly LoadedObject[]): SourceIndex {
  const byName = new Map<string, LoadedObject[]>();
  const lengths = new Map<string, Set<number>>();
  for (const candidate of candidates) {
    const { kind, name } = candidate.ref;
    if (!name) continue;
    const key = `${kind}\u0000${name}`;
    const list = byName.get(key);
    if (list) list.push(candidate);
    else byName.set(key, [candidate]);
    const set = lengths.get(kind);
    if (set) set.add(name.length);
    else lengths.set(kind, new Set([name.length]));
  }
  const sorted = new Map([...lengths].map(([kind, set]) => [kind, [...set].sort((x, y) => y - x)]));
  return {
    match(rendered) {
      const { kind, name } = rendered.ref;
      for (const length of sorted.get(kind) ?? []) {
        if (length > name.length) continue;
        let best: LoadedObject | undefined;
        let bestScore = -1;
        for (let start = 0; start + length <= name.length; start++) {
          for (const candidate of byName.get(`${kind}\u0000${name.slice(start, start + length)}`) ?? []) {
            const score =
              (groupOf(candidate.ref.apiVersion ?? '') === groupOf(rendered.ref.apiVersion ?? '') ? 2 : 0) +
              ((candidate.ref.namespace ?? '') === (rendered.ref.namespace ?? '') ? 1 : 0);
            if (score > bestScore) {
              best = candidate;
              bestScore = score;
            }
          }
        }
        if (best) return best;
      }
      return undefined;
    },
  };
}

/** Keys strategic merge patches match list items by: an item is followed by its key, not its index. */
const MERGE_KEYS = ['name', 'mountPath', 'containerPort', 'devicePath', 'ip'];

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

/** Generator kinds and the kustomization field that lists their entries. */
const GENERATOR_FIELDS: Record<string, string> = {
  ConfigMapGenerator: 'configMapGenerator',
  SecretGenerator: 'secretGenerator',
  HelmChartInflationGenerator: 'helmCharts',
};

export interface AttributionContext {
  /** Real path of the directory kustomize built (origin paths are relative to it). */
  root: string;
  /** The kustomization directory as the user wrote it (relative paths are relative to the working directory). */
  dir: string;
  /** Turns a source file path, as the user would write it, into the label findings carry. */
  label: (file: string) => string;
}

/**
 * Attributes rendered objects to their sources, reading each source file once. `attribute` returns the object's
 * new origin, or undefined when the source cannot be found (remote resource, unreadable file, no object of that
 * kind and name): the caller keeps the rendered position.
 */
export function createAttributor(context: AttributionContext): {
  attribute(rendered: LoadedObject, origin: KustomizeOrigin | undefined): ObjectOrigin | undefined;
  /** Real paths of the source files the build's objects came from. */
  used: ReadonlySet<string>;
} {
  const realDir = realOrUndefined(context.dir);
  // Each source file is parsed and indexed once; origin paths are resolved once each.
  const sources = new Map<string, SourceIndex | undefined>();
  const kustomizations = new Map<string, KustomizationText | undefined>();
  const resolved = new Map<string, string | undefined>();
  const labels = new Map<string, string>();
  const used = new Set<string>();
  const real = (path: string) => {
    if (!resolved.has(path)) {
      const file = realOrUndefined(resolve(context.root, path));
      resolved.set(path, file);
      if (file) used.add(file);
    }
    return resolved.get(path);
  };
  const label = (file: string) => {
    let out = labels.get(file);
    if (out === undefined) {
      out = context.label(displayPath(file, context.dir, realDir));
      labels.set(file, out);
    }
    return out;
  };

  function sourceIndex(file: string): SourceIndex | undefined {
    if (!sources.has(file)) {
      const text = readSmall(file);
      sources.set(file, text === undefined ? undefined : indexSources(parseManifestText(text, file).objects));
    }
    return sources.get(file);
  }

  function kustomization(file: string): KustomizationText | undefined {
    if (!kustomizations.has(file)) {
      const text = readSmall(file);
      kustomizations.set(file, text === undefined ? undefined : readKustomization(text, file));
    }
    return kustomizations.get(file);
  }

  return {
    used,
    attribute(rendered, origin) {
      if (!origin || origin.repo) return undefined;
      if (origin.path) {
        const file = real(origin.path);
        if (!file) return undefined;
        const source = sourceIndex(file)?.match(rendered);
        if (!source?.origin) return undefined;
        const at = source.origin;
        return {
          file: label(file),
          document: at.document,
          locate: (path) => at.locate(sourcePath(rendered.object, source.object, path)),
        };
      }
      if (origin.configuredIn) {
        const file = real(origin.configuredIn);
        if (!file) return undefined;
        const parsed = kustomization(file);
        if (!parsed) return undefined;
        const position = parsed.entry(origin.configuredBy?.kind, rendered.ref.name);
        return { file: label(file), document: 0, locate: () => position };
      }
      return undefined;
    },
  };
}

interface KustomizationText {
  /** Position of the generator entry that made an object of this name (the field, then the file's start). */
  entry(generatorKind: string | undefined, renderedName: string): SourcePosition;
}

function readKustomization(text: string, file: string): KustomizationText {
  const position = positionFinder(text);
  const start: SourcePosition = { line: 1, column: 1 };
  let document: ReadDocument | undefined;
  try {
    document = (readWithEvents(text) ?? readCarefully(text, file, position).documents)[0];
  } catch {
    document = undefined;
  }
  return {
    entry(kind, name) {
      if (!document) return start;
      const at = (path: Path) => locateIn(document.positions, document.rootAt, path, position, start);
      const field = kind ? GENERATOR_FIELDS[kind] : undefined;
      const root = document.value;
      if (!field || !isRecord(root)) return at([]);
      const entries = root[field];
      if (!Array.isArray(entries)) return at([field]);
      let best = -1;
      let bestLength = -1;
      entries.forEach((entry: unknown, i: number) => {
        const entryName = isRecord(entry) ? entry.name : undefined;
        if (typeof entryName !== 'string' || !name.includes(entryName)) return;
        const length = entryName === name ? Number.MAX_SAFE_INTEGER : entryName.length;
        if (length > bestLength) {
          best = i;
          bestLength = length;
        }
      });
      if (best < 0 && entries.length === 1) best = 0;
      return best >= 0 ? at([field, best]) : at([field]);
    },
  };
}

/** A source path the way the user would write it: under the directory they passed when it is, else from the cwd. */
function displayPath(file: string, dir: string, realDir: string | undefined): string {
  if (realDir) {
    const joined = join(dir, relative(realDir, file));
    if (realOrUndefined(joined) === file) return joined;
  }
  if (isAbsolute(dir)) return file;
  const cwd = realOrUndefined(process.cwd()) ?? process.cwd();
  return relative(cwd, file) || file;
}

/** A regular file's text, or undefined when it is not one, is over the limit or cannot be read. */
export function readSmall(file: string, maxBytes = MAX_SOURCE_BYTES): string | undefined {
  try {
    const stat = statSync(file);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function realOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
