// Reads one Kubernetes release's published OpenAPI documents (api/openapi-spec in k8s.io/kubernetes): the v3
// documents of every group-version (1.23 on), else the single v2 swagger.json (older releases), and keeps what
// validation needs, in one form for both: the definitions with their validation keywords and `x-kubernetes-*`
// semantics, and which definition each group/version/kind uses.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnumAt } from './enums.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface OpenApiSet {
  /** "v3" (one document per group-version) or "v2" (swagger.json). */
  format: 'v3' | 'v2';
  /** "group/version:Kind" (core: "v1:Kind") → definition name. */
  kinds: Record<string, string>;
  definitions: Record<string, JsonObject>;
}

/** Keywords kept as they are (values compacted recursively where they hold schemas). */
const KEEP = new Set([
  '$ref',
  'type',
  'properties',
  'additionalProperties',
  'items',
  'required',
  'enum',
  'format',
  'nullable',
  'oneOf',
  'anyOf',
  'allOf',
  'not',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
]);

export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
export const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Copies a schema node keeping validation keywords only. `allOf: [{$ref}]` — how v3 attaches a description or
 * default to a reference — becomes the plain `$ref`; references point at `#/$defs/`; "atomic" list types (the
 * default meaning for validation) and empty formats are dropped.
 */
export function compact(node: Json): Json {
  if (Array.isArray(node)) return node.map(compact);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  // Sorted keys: the same schema is the same text whatever order a release's generator wrote it in.
  for (const key of Object.keys(node).sort()) {
    const value = node[key]!;
    if (!KEEP.has(key)) continue;
    if (key === 'properties' && isObject(value)) {
      const props: JsonObject = {};
      for (const name of Object.keys(value).sort()) props[name] = compact(value[name]!);
      out[key] = props;
    } else if (key === '$ref' && typeof value === 'string') {
      out[key] = value.replace('#/components/schemas/', '#/$defs/').replace('#/definitions/', '#/$defs/');
    } else if (key === 'x-kubernetes-list-type') {
      if (value !== 'atomic') out[key] = value;
    } else if (key === 'format') {
      if (value !== '') out[key] = value;
    } else if (key === 'enum' || key === 'required' || key === 'x-kubernetes-list-map-keys') {
      out[key] = value;
    } else {
      out[key] = compact(value);
    }
  }
  const allOf = out.allOf;
  if (Array.isArray(allOf) && allOf.length === 1 && isObject(allOf[0]) && out.$ref === undefined) {
    const [only] = allOf;
    if (Object.keys(only).length === 1 && typeof only.$ref === 'string') {
      delete out.allOf;
      out.$ref = only.$ref;
    }
  }
  return out;
}

function apiVersionOf(gvk: JsonObject): string {
  return gvk.group ? `${gvk.group}/${gvk.version}` : String(gvk.version);
}

function addDefinitions(into: OpenApiSet, definitions: JsonObject): void {
  for (const name of Object.keys(definitions).sort()) {
    const def = definitions[name];
    if (!isObject(def)) continue;
    for (const gvk of (def['x-kubernetes-group-version-kind'] as JsonObject[] | undefined) ?? []) {
      const key = `${apiVersionOf(gvk)}:${gvk.kind}`;
      // Resource kinds win over shared option types (DeleteOptions, WatchEvent list every group).
      if (!into.kinds[key] || !name.startsWith('io.k8s.apimachinery.pkg.apis.meta.')) into.kinds[key] = name;
    }
    if (into.definitions[name]) continue;
    if (name === INT_OR_STRING)
      // Upstream spells this a oneOf of integer and string (v2: of two nullable types, which rejects null).
      into.definitions[name] = { type: ['string', 'integer', 'null'], 'x-kubernetes-int-or-string': true };
    else if (name === QUANTITY) into.definitions[name] = { type: ['string', 'number', 'null'] };
    else into.definitions[name] = compact(def) as JsonObject;
  }
}

/** The group-version documents of api/openapi-spec/v3: api__v1_openapi.json, apis__<group>__<version>_openapi.json. */
function isGroupVersionDocument(file: string): boolean {
  return file === 'api__v1_openapi.json' || /^apis__[^_]+(?:_[^_]+)*__[^_]+_openapi\.json$/.test(file);
}

function readSwagger(kubernetesDir: string): OpenApiSet {
  const swagger = JSON.parse(
    readFileSync(join(kubernetesDir, 'api', 'openapi-spec', 'swagger.json'), 'utf8'),
  ) as JsonObject;
  const set: OpenApiSet = { format: 'v2', kinds: {}, definitions: {} };
  addDefinitions(set, (swagger.definitions as JsonObject | undefined) ?? {});
  return set;
}

/**
 * Reads the OpenAPI documents of one release from its k8s.io/kubernetes module directory: the v3 documents, and
 * what only swagger.json has. The v3 documents of 1.23-1.26 lack the aggregator's group (apiregistration.k8s.io);
 * where both have a definition, they are the same once compacted.
 */
export function readOpenApi(kubernetesDir: string): OpenApiSet {
  const v2 = readSwagger(kubernetesDir);
  const v3dir = join(kubernetesDir, 'api', 'openapi-spec', 'v3');
  if (!existsSync(v3dir)) return v2;
  const set: OpenApiSet = { format: 'v3', kinds: {}, definitions: {} };
  for (const file of readdirSync(v3dir).filter(isGroupVersionDocument).sort()) {
    const doc = JSON.parse(readFileSync(join(v3dir, file), 'utf8')) as JsonObject;
    const components = doc.components as JsonObject | undefined;
    addDefinitions(set, (components?.schemas as JsonObject | undefined) ?? {});
  }
  for (const [name, definition] of Object.entries(v2.definitions)) set.definitions[name] ??= definition;
  // (swagger.json also lists every group's shared option types, of groups long gone)
  for (const [key, name] of Object.entries(v2.kinds))
    if (!Object.hasOwn(set.kinds, key) && !name.startsWith('io.k8s.apimachinery.pkg.apis.meta.'))
      set.kinds[key] = name;
  set.kinds = Object.fromEntries(Object.entries(set.kinds).sort(([a], [b]) => (a < b ? -1 : 1)));
  set.definitions = Object.fromEntries(Object.entries(set.definitions).sort(([a], [b]) => (a < b ? -1 : 1)));
  return set;
}

/** The schema node at an enum's path in a definition; undefined when the path does not exist. */
function nodeAt(definition: JsonObject, path: readonly string[]): JsonObject | undefined {
  let node: Json | undefined = definition;
  for (const step of path) {
    if (!isObject(node)) return undefined;
    node = node[step];
  }
  return isObject(node) ? node : undefined;
}

/**
 * Puts enums on the definitions. Returns what could not be placed: a definition or path the documents lack, or
 * a node that is not a plain string (an enum on a reference would be a misreading).
 */
export function applyEnums(set: OpenApiSet, enums: ReadonlyMap<string, readonly EnumAt[]>): string[] {
  const misses: string[] = [];
  for (const [name, list] of enums) {
    const definition = set.definitions[name];
    for (const { path, values } of list) {
      const node = definition && nodeAt(definition, path);
      if (node?.type !== 'string') {
        misses.push(`${name} ${path.join('/')}`);
        continue;
      }
      node.enum = [...values];
      // Keys stay sorted (compact's order), so equal schemas stay equal text.
      for (const [key, value] of Object.entries(node).sort(([a], [b]) => (a < b ? -1 : 1))) {
        delete node[key];
        node[key] = value;
      }
    }
  }
  return misses;
}

/** Removes every enum in a schema node and the nodes it holds (not through $refs). */
function dropEnums(node: Json): number {
  if (Array.isArray(node)) return node.reduce<number>((n, child) => n + dropEnums(child), 0);
  if (!isObject(node)) return 0;
  let dropped = 0;
  if ('enum' in node) {
    delete node.enum;
    dropped++;
  }
  for (const [key, child] of Object.entries(node)) if (key !== 'required') dropped += dropEnums(child);
  return dropped;
}

/**
 * Removes the enums of definitions that only a kind's `status` reaches (PersistentVolumeClaimStatus,
 * ModifyVolumeStatus, …): the API server resets the status of an object it creates, an embedded one's (a
 * StatefulSet's volumeClaimTemplates) included, and validates none of it, so no value there is wrong for it.
 * Returns the definitions changed.
 */
export function stripStatusEnums(set: OpenApiSet): string[] {
  const kindDefinitions = new Set(Object.values(set.kinds));
  const reached = new Set<string>();
  const visit = (node: Json | undefined, owner: string | undefined): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child, undefined);
      return;
    }
    if (!isObject(node)) return;
    const ref = node.$ref;
    if (typeof ref === 'string') {
      const name = ref.replace('#/$defs/', '');
      if (!reached.has(name)) {
        reached.add(name);
        visit(set.definitions[name], name);
      }
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === '$ref' || key === 'enum' || key === 'required') continue;
      if (key === 'properties' && isObject(child)) {
        for (const [name, property] of Object.entries(child))
          if (!(name === 'status' && owner && kindDefinitions.has(owner))) visit(property, undefined);
        continue;
      }
      visit(child, undefined);
    }
  };
  for (const name of kindDefinitions)
    if (!reached.has(name)) {
      reached.add(name);
      visit(set.definitions[name], name);
    }
  const changed: string[] = [];
  for (const [name, definition] of Object.entries(set.definitions))
    if (!reached.has(name) && dropEnums(definition) > 0) changed.push(name);
  return changed;
}
