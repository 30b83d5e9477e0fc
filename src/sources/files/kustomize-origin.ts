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
import {
  appliesTo,
  type Patch,
  patchingKustomizations,
  placeInPatches,
  readPatches,
  sourcePath,
} from './kustomize-patches.ts';
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

/** kustomize's record of the transformers run on an object (`buildMetadata: [transformerAnnotations]`). */
export const TRANSFORMATIONS_ANNOTATION = 'alpha.config.kubernetes.io/transformations';
const BUILD_ANNOTATIONS = [ORIGIN_ANNOTATION, TRANSFORMATIONS_ANNOTATION] as const;

/**
 * Removes the origin and transformations annotations from one rendered document's text, as kustomize (kyaml)
 * writes them: literal blocks under `metadata.annotations`, dropping `annotations:` when it held nothing else. The
 * remaining text is the plain build's text, so objects kept at their rendered position have the lines `kustomize
 * build` prints. Text of any other shape is returned unchanged (the object-level strip still removes them).
 */
export function stripOriginText(text: string): { text: string; origin?: string; transformations?: string } {
  let lines = text.split('\n');
  const found: { origin?: string; transformations?: string } = {};
  let parent = -1;
  for (const key of BUILD_ANNOTATIONS) {
    const block = stripBlock(lines, key);
    if (!block) continue;
    lines = block.lines;
    parent = block.parent;
    if (key === ORIGIN_ANNOTATION) found.origin = block.value;
    else found.transformations = block.value;
  }
  if (parent < 0) return { text };
  // `annotations:` goes too when nothing more indented follows it.
  const next = lines[parent + 1];
  if (next === undefined || (next.trim() !== '' && indentOf(next) <= indentOf(lines[parent]!)))
    lines.splice(parent, 1);
  return { text: lines.join('\n'), ...found };
}

/** One annotation's literal block under top-level `metadata.annotations`, removed; undefined when not there. */
function stripBlock(
  lines: readonly string[],
  key: string,
): { lines: string[]; value: string; parent: number } | undefined {
  const at = lines.findIndex((line) => {
    const content = line.trimStart();
    return (
      content.length < line.length &&
      content.startsWith(`${key}: |`) &&
      /^[-+]?[ \t]*\r?$/.test(content.slice(key.length + 3))
    );
  });
  if (at < 0) return undefined;
  const keyIndent = indentOf(lines[at]!);
  const parent = previousLessIndented(lines, at, keyIndent);
  if (parent < 0 || !/^ *annotations:[ \t]*\r?$/.test(lines[parent]!)) return undefined;
  const metadata = previousLessIndented(lines, parent, indentOf(lines[parent]!));
  if (metadata < 0 || !/^metadata:[ \t]*\r?$/.test(lines[metadata]!)) return undefined;
  let end = at + 1;
  while (end < lines.length && (lines[end]!.trim() === '' || indentOf(lines[end]!) > keyIndent)) end++;
  const block = lines.slice(at + 1, end);
  const contentIndent = block
    .filter((l) => l.trim() !== '')
    .reduce((least, l) => Math.min(least, indentOf(l)), Number.POSITIVE_INFINITY);
  const value = block.map((l) => l.slice(Number.isFinite(contentIndent) ? contentIndent : 0)).join('\n');
  return { lines: [...lines.slice(0, at), ...lines.slice(end)], value: `${value}\n`, parent };
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
 * The object without the origin and transformations annotations (and without `metadata.annotations` when those were
 * its only entries), as a new frozen object; their values are returned beside it. Objects without them are
 * returned as they are.
 */
export function withoutOriginAnnotation(loaded: LoadedObject): {
  loaded: LoadedObject;
  origin?: string;
  transformations?: string;
} {
  const annotations = loaded.object.metadata?.annotations;
  if (!isRecord(annotations) || !BUILD_ANNOTATIONS.some((key) => Object.hasOwn(annotations, key)))
    return { loaded };
  const origin = annotations[ORIGIN_ANNOTATION];
  const transformations = annotations[TRANSFORMATIONS_ANNOTATION];
  const object = structuredClone(loaded.object) as KubeObject;
  const copy = object.metadata.annotations as Record<string, unknown>;
  for (const key of BUILD_ANNOTATIONS) delete copy[key];
  if (Object.keys(copy).length === 0) delete object.metadata.annotations;
  deepFreeze(object);
  const out: LoadedObject = loaded.origin
    ? { object, ref: refOf(object), origin: loaded.origin }
    : { object, ref: refOf(object) };
  return {
    loaded: out,
    ...(typeof origin === 'string' ? { origin } : {}),
    ...(typeof transformations === 'string' ? { transformations } : {}),
  };
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
  /** `transformations`: the object's transformations annotation, naming the kustomizations that patched it. */
  attribute(
    rendered: LoadedObject,
    origin: KustomizeOrigin | undefined,
    transformations?: string,
  ): ObjectOrigin | undefined;
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

  const texts = new Map<string, string | undefined>();
  const readCached = (file: string) => {
    if (!texts.has(file)) texts.set(file, readSmall(file));
    return texts.get(file);
  };
  const patchesByKustomization = new Map<string, Patch[]>();
  function patchesOf(transformations: string | undefined): Patch[] {
    return patchingKustomizations(transformations).flatMap((configuredIn) => {
      const file = real(configuredIn);
      if (!file) return [];
      let patches = patchesByKustomization.get(file);
      if (!patches) {
        patches = readPatches(file, readCached);
        patchesByKustomization.set(file, patches);
      }
      return patches;
    });
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
    attribute(rendered, origin, transformations) {
      if (!origin || origin.repo) return undefined;
      if (origin.path) {
        const file = real(origin.path);
        if (!file) return undefined;
        const source = sourceIndex(file)?.match(rendered);
        if (!source?.origin) return undefined;
        const at = source.origin;
        const locate = (path: Path) => at.locate(sourcePath(rendered.object, source.object, path));
        const attributed: ObjectOrigin = { file: label(file), document: at.document, locate };
        // Fields an overlay's patch set are placed at that patch; the base keeps what it sets itself.
        const patches = patchesOf(transformations).filter((patch) => appliesTo(patch, rendered, source));
        if (patches.length === 0) return attributed;
        return {
          ...attributed,
          place: (path) =>
            placeInPatches(
              patches,
              rendered.object,
              path,
              sourcePath(rendered.object, source.object, path).length,
              label,
            ) ?? { file: attributed.file, ...locate(path) },
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
