// Validates objects against Kubernetes schemas: one validator per definition, from compiled.ts (precompiled, cached
// or compiled by ajv), made when first needed and kept per process; errors mapped to object paths. Strict like
// `kubeconform -strict`: an object schema with properties rejects every other field (this is what catches bad
// indentation), except where the schema preserves unknown fields.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { editDistance } from '../core/edit-distance.ts';
import { isLinearPattern } from '../core/linear-regexp.ts';
import type { Path } from '../core/path.ts';
import { getAt } from '../core/path.ts';
import { factoryOf, precompiledFactory, runtimeModule, type StoreSlice } from './compiled.ts';
import { REF_KEYWORD } from './generated.ts';

/** One consistent set of schemas: a bundled Kubernetes version, or a live cluster's /openapi/v3. */
export interface SchemaSet {
  /** Unique per set (the ajv schema id). */
  id: string;
  /** For messages: "Kubernetes 1.37", "the cluster's OpenAPI". */
  label: string;
  /** "group/version:Kind" (core group: "v1:Kind") → definition name. */
  kinds: ReadonlyMap<string, string>;
  /** Definitions referencing each other as {"$ref": "#/$defs/<name>"}. */
  definitions: Readonly<Record<string, unknown>>;
  /** Where the package keeps each definition's precompiled validator (bundled sets, in the package). */
  precompiled?: ReadonlyMap<string, StoreSlice>;
}

export type SchemaErrorKind = 'unknown-field' | 'type' | 'required' | 'value';

export interface SchemaError {
  kind: SchemaErrorKind;
  /** Where in the object: the unknown key, the wrongly typed value, the missing field. */
  path: Path;
  message: string;
}

export function gvkKey(apiVersion: string, kind: string): string {
  return `${apiVersion}:${kind}`;
}

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Adds "null" to a schema's type: Kubernetes treats a null field as an absent one. */
function withNull(node: Node): Node {
  const type = node.type;
  if (typeof type === 'string') return { ...node, type: [type, 'null'] };
  if (Array.isArray(type) && !type.includes('null')) return { ...node, type: [...type, 'null'] };
  return node;
}

export type Strictness = 'builtin' | 'structural';

/**
 * Rewrites a schema for ajv. builtin: an object schema with properties forbids other fields. structural (CRDs,
 * https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#specifying-a-structural-schema):
 * unknown fields are pruned by the API server, so any object node without preserve-unknown-fields forbids
 * them; int-or-string, embedded resources and nullable are honoured; a null field counts as absent.
 */
/** Logical junctors: value validation only, in a structural schema. */
const JUNCTORS = new Set(['allOf', 'anyOf', 'oneOf', 'not']);

export function normalizeSchema(schema: unknown, strictness: Strictness, inJunctor = false): unknown {
  if (Array.isArray(schema)) return schema.map((s) => normalizeSchema(s, strictness, inJunctor));
  if (!isNode(schema)) return schema;
  let node: Node = {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && isNode(value)) {
      const props: Node = {};
      for (const [name, child] of Object.entries(value)) {
        const normalized = normalizeSchema(child, strictness, inJunctor);
        props[name] = isNode(normalized) && !required.includes(name) ? withNull(normalized) : normalized;
      }
      node.properties = props;
    } else if (key === 'additionalProperties' && isNode(value) && strictness === 'builtin') {
      // A map's null value decodes to the zero value in the API server (`data: {key: null}` stores ""); CRD
      // schemas reject it unless nullable, as the server does.
      node.additionalProperties = withNull(normalizeSchema(value, strictness) as Node);
    } else if (key === 'enum' || key === 'required' || key === 'default' || key === 'example') {
      node[key] = value;
    } else if (key === '$ref' && typeof value === 'string') {
      node.$ref = value.replace('#/components/schemas/', '#/$defs/').replace('#/definitions/', '#/$defs/');
    } else if (key === 'format') {
      // Only formats with a known meaning are checked; CRDs use many (duration, uri, …) the server ignores.
      if (typeof value === 'string' && ['int32', 'int64', 'byte', 'date-time'].includes(value))
        node.format = value;
    } else if (key === 'pattern') {
      // CRD patterns are Go (RE2) regular expressions, matched with RE2; one RE2 does not accept is not checked.
      if (typeof value === 'string' && isLinearPattern(value)) node.pattern = value;
    } else {
      node[key] = normalizeSchema(value, strictness, inJunctor || JUNCTORS.has(key));
    }
  }
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (node['x-kubernetes-int-or-string'] === true) {
    delete node.anyOf;
    delete node.oneOf;
    node.type = ['integer', 'string'];
  }
  if (node.nullable === true) {
    node = withNull(node);
    delete node.nullable;
  }
  if (node['x-kubernetes-embedded-resource'] === true) {
    const props = isNode(node.properties) ? { ...node.properties } : {};
    props.apiVersion ??= { type: 'string' };
    props.kind ??= { type: 'string' };
    props.metadata ??= { type: ['object', 'null'] };
    if (isNode(node.properties) || !preserve) node.properties = props;
    node.required = [
      ...new Set([...(Array.isArray(node.required) ? node.required : []), 'apiVersion', 'kind']),
    ];
  }
  // Inside allOf/anyOf/oneOf/not a CRD schema only constrains values: which fields exist (and are pruned) is the
  // structural part's to say, so a branch naming some properties does not forbid the others.
  if (!preserve && !inJunctor && node.additionalProperties === undefined) {
    if (isNode(node.properties)) node.additionalProperties = false;
    else if (strictness === 'structural' && isObjectType(node.type) && !node.$ref)
      node.additionalProperties = false;
  }
  // A preserved node without a type accepts anything; its properties are still checked when present.
  return node;
}

function isObjectType(type: unknown): boolean {
  return type === 'object' || (Array.isArray(type) && type.includes('object'));
}

interface Prepared {
  set: SchemaSet;
  /** Validators by definition name, each made when first called. */
  validators: Map<string, ValidateFunction>;
  /** What a definition's code calls for another definition: that definition's validator, made on first call. */
  refs: Map<string, ValidateFunction>;
  /** Normalized definitions, each made when first needed. */
  normalized: Map<string, unknown>;
}

const prepared = new WeakMap<SchemaSet, Prepared>();

function prepare(set: SchemaSet): Prepared {
  let entry = prepared.get(set);
  if (!entry) {
    entry = { set, validators: new Map(), refs: new Map(), normalized: new Map() };
    prepared.set(set, entry);
  }
  return entry;
}

/** One definition of the set as ajv sees it; undefined when the set has no such definition. */
function definitionOf(entry: Prepared, name: string): unknown {
  if (entry.normalized.has(name)) return entry.normalized.get(name);
  if (!Object.hasOwn(entry.set.definitions, name)) return undefined;
  let value: unknown;
  if (name === INT_OR_STRING || name.endsWith('.IntOrString')) {
    value = { type: ['string', 'integer', 'null'] };
  } else if (name === QUANTITY || name.endsWith('.api.resource.Quantity')) {
    value = { type: ['string', 'number', 'null'], format: 'k8s-quantity' };
  } else {
    const normalized = normalizeSchema(entry.set.definitions[name], 'builtin');
    value = isNode(normalized) ? withNull(normalized) : normalized;
  }
  entry.normalized.set(name, value);
  return value;
}

/** One definition of the set as validators are generated from it (the disk cache and the package key on it). */
export function normalizedDefinition(set: SchemaSet, name: string): unknown {
  return definitionOf(prepare(set), name);
}

/** Accepts anything: a definition the set lacks, or one that cannot be compiled, is not validated. */
const acceptAll = (() => true) as unknown as ValidateFunction;

/** The validator of one definition of the set. */
function validatorOf(entry: Prepared, name: string): ValidateFunction {
  let validate = entry.validators.get(name);
  if (!validate) {
    try {
      const slice = entry.set.precompiled?.get(name);
      const factory = slice && precompiledFactory(slice);
      const normalized = factory ? undefined : definitionOf(entry, name);
      validate = factory
        ? factory((ref) => refOf(entry, ref), runtimeModule)
        : normalized === undefined
          ? acceptAll
          : factoryOf(normalized)((ref) => refOf(entry, ref), runtimeModule);
    } catch {
      // A definition ajv cannot compile (only possible with a malformed live document): not validated.
      validate = acceptAll;
    }
    entry.validators.set(name, validate);
  }
  return validate;
}

/** A stand-in for another definition's validator, resolved when first called (definitions refer in cycles). */
function refOf(entry: Prepared, name: string): ValidateFunction {
  let ref = entry.refs.get(name);
  if (!ref) {
    let target: ValidateFunction | undefined;
    const call = (data: unknown, context: unknown): boolean => {
      target ??= validatorOf(entry, name);
      const valid = (target as (data: unknown, context: unknown) => boolean)(data, context);
      stand.errors = target.errors;
      return valid;
    };
    const stand = call as unknown as ValidateFunction;
    ref = stand;
    entry.refs.set(name, ref);
  }
  return ref;
}

/** True when the set has a schema for this apiVersion and kind. */
export function hasSchema(set: SchemaSet, apiVersion: string, kind: string): boolean {
  return set.kinds.has(gvkKey(apiVersion, kind));
}

/** Validates against the set's schema for the object's kind; undefined when the set has none. */
export function validateBuiltin(set: SchemaSet, object: unknown): SchemaError[] | undefined {
  if (!isNode(object) || typeof object.apiVersion !== 'string' || typeof object.kind !== 'string')
    return undefined;
  const key = gvkKey(object.apiVersion, object.kind);
  const definition = set.kinds.get(key);
  if (!definition) return undefined;
  const entry = prepare(set);
  return runValidator(validatorOf(entry, definition), object, (ref) =>
    definitionOf(entry, ref.replace('#/$defs/', '')),
  );
}

/** Validators of CRD schemas, per schema object and the set their metadata is validated with. */
const structural = new WeakMap<object, Map<SchemaSet | undefined, ValidateFunction>>();

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/**
 * A CRD version's openAPIV3Schema as one definition: structural semantics, and apiVersion, kind and metadata as
 * the API server has them whatever the CRD says (metadata through a reference to the set's ObjectMeta).
 */
function structuralDefinition(schema: object, withMeta: boolean): Node {
  const normalized = normalizeSchema(schema, 'structural') as Node;
  const props: Node = isNode(normalized.properties) ? { ...normalized.properties } : {};
  props.apiVersion = { type: 'string' };
  props.kind = { type: 'string' };
  props.metadata = withMeta ? { $ref: `#/$defs/${OBJECT_META}` } : { type: ['object', 'null'] };
  const root: Node = { ...normalized, properties: props };
  if (normalized['x-kubernetes-preserve-unknown-fields'] !== true) root.additionalProperties = false;
  return root;
}

/**
 * Validates against a CRD version's openAPIV3Schema (structural semantics). `metaFrom` gives the ObjectMeta
 * schema the API server applies to every custom resource's metadata. The validator comes from compiled.ts like
 * a built-in definition's: from the disk cache when a run saw the same schema before (decision 0028), else
 * compiled once and cached, so a CRD-heavy input re-run does not recompile.
 */
export function validateStructural(schema: object, object: unknown, metaFrom?: SchemaSet): SchemaError[] {
  const bySet = structural.get(schema) ?? new Map<SchemaSet | undefined, ValidateFunction>();
  structural.set(schema, bySet);
  let validate = bySet.get(metaFrom);
  const entry = metaFrom ? prepare(metaFrom) : undefined;
  const withMeta = entry !== undefined && Object.hasOwn(entry.set.definitions, OBJECT_META);
  if (!validate) {
    try {
      validate = factoryOf(structuralDefinition(schema, withMeta))(
        (ref) => (entry ? refOf(entry, ref) : acceptAll),
        runtimeModule,
      );
    } catch {
      // A CRD schema ajv cannot compile (malformed keywords): the custom resource is left unvalidated, as
      // `kubectl apply` would reject the CRD itself before any resource of it.
      validate = acceptAll;
    }
    bySet.set(metaFrom, validate);
  }
  return runValidator(validate, object, (ref) =>
    entry ? definitionOf(entry, ref.replace('#/$defs/', '')) : undefined,
  );
}

type Resolver = (ref: string) => unknown;

function runValidator(
  validate: ValidateFunction,
  object: unknown,
  resolve: Resolver = () => undefined,
): SchemaError[] {
  if (validate(object)) return [];
  return mapErrors(validate.errors ?? [], object, resolve);
}

/** "/spec/containers/0/image" → ['spec', 'containers', 0, 'image'], numbers where the data is an array. */
export function pointerToPath(pointer: string, root: unknown): (string | number)[] {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key = Array.isArray(node) && /^\d+$/.test(segment) ? Number(segment) : segment;
    path.push(key);
    node =
      node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
  }
  return path;
}

function mapErrors(errors: readonly ErrorObject[], root: unknown, resolve: Resolver): SchemaError[] {
  const out: SchemaError[] = [];
  const seen = new Set<string>();
  // anyOf/oneOf report their branches' errors too; keep the combined one only.
  const composite = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  for (const error of errors) {
    if (
      error.keyword !== 'anyOf' &&
      error.keyword !== 'oneOf' &&
      composite.some((c) => error.schemaPath.startsWith(`${c.schemaPath}/`))
    )
      continue;
    const mapped = mapError(error, root, resolve);
    if (!mapped) continue;
    const key = `${mapped.kind}\u0000${mapped.path.join('\u0000')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(mapped);
  }
  return out;
}

function mapError(error: ErrorObject, root: unknown, resolve: Resolver): SchemaError | undefined {
  const path = pointerToPath(error.instancePath, root);
  const where = describe(path);
  const value = getAt(root, path);
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String((error.params as { additionalProperty: string }).additionalProperty);
      const known = isNode(error.parentSchema?.properties) ? Object.keys(error.parentSchema.properties) : [];
      const hint = suggest(field, known);
      const below = hint ? undefined : fieldBelow(field, error.parentSchema, resolve);
      const advice = hint
        ? ` (did you mean "${hint}"?)`
        : below
          ? ` (it belongs under "${describe([...path, ...below])}": check the indentation)`
          : '';
      return {
        kind: 'unknown-field',
        path: [...path, field],
        message: `unknown field "${describe([...path, field])}"${advice}`,
      };
    }
    case 'type': {
      const expected = String((error.params as { type: string | string[] }).type)
        .split(',')
        .filter((t) => t !== 'null');
      return {
        kind: 'type',
        path,
        message: `"${where}" must be ${expected.map(article).join(' or ')}, not ${typeName(value)}${preview(value)}`,
      };
    }
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      return {
        kind: 'required',
        path: [...path, missing],
        message: `required field "${describe([...path, missing])}" is missing`,
      };
    }
    case 'enum': {
      if (path.length === 1 && (path[0] === 'apiVersion' || path[0] === 'kind')) return undefined;
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      const hint =
        typeof value === 'string'
          ? suggest(
              value,
              allowed.filter((v): v is string => typeof v === 'string'),
            )
          : undefined;
      return {
        kind: 'value',
        path,
        message: `"${where}" is ${JSON.stringify(value)}, must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}${hint ? ` (did you mean "${hint}"?)` : ''}`,
      };
    }
    case 'format': {
      const format = String((error.params as { format: string }).format);
      const what =
        format === 'k8s-quantity'
          ? 'a Kubernetes quantity (e.g. 500m, 128Mi, 1Gi)'
          : format === 'byte'
            ? 'base64-encoded'
            : format === 'date-time'
              ? 'an RFC 3339 date-time'
              : `a valid ${format}`;
      return { kind: 'value', path, message: `"${where}" is ${JSON.stringify(value)}, must be ${what}` };
    }
    case 'anyOf':
    case 'oneOf':
      return { kind: 'value', path, message: `"${where}" matches none of the shapes its schema allows` };
    case 'additionalItems':
    case 'unevaluatedProperties':
      return { kind: 'unknown-field', path, message: `"${where}" ${error.message ?? 'is not allowed'}` };
    default:
      return { kind: 'value', path, message: `"${where}" ${error.message ?? 'is invalid'}` };
  }
}

/** Follows $ref (also inside a one-element allOf, as OpenAPI v3 writes it) to the schema it names. */
function deref(schema: unknown, resolve: Resolver): Node | undefined {
  let node = schema;
  for (let i = 0; i < 8 && isNode(node); i++) {
    if (typeof node.$ref === 'string') node = resolve(node.$ref);
    // (a definition compiled alone names the others with REF_KEYWORD: compile.ts)
    else if (typeof node[REF_KEYWORD] === 'string') node = resolve(`#/$defs/${node[REF_KEYWORD]}`);
    else if (Array.isArray(node.allOf) && node.allOf.length === 1 && !isNode(node.properties))
      node = node.allOf[0];
    else return node;
  }
  return undefined;
}

/**
 * A misplaced (under-indented) field: the path below the parent where a schema does define it, searched two
 * object levels deep, e.g. "containers" under a pod template → ["spec"]. Undefined when none or ambiguous.
 */
export function fieldBelow(field: string, parent: unknown, resolve: Resolver): string[] | undefined {
  let frontier: { path: string[]; schema: Node }[] = [];
  const start = deref(parent, resolve);
  if (start) frontier.push({ path: [], schema: start });
  for (let depth = 0; depth < 2; depth++) {
    const next: typeof frontier = [];
    const found: string[][] = [];
    for (const { path, schema } of frontier) {
      if (!isNode(schema.properties)) continue;
      for (const [name, child] of Object.entries(schema.properties)) {
        const resolved = deref(child, resolve);
        if (!resolved || !isNode(resolved.properties)) continue;
        if (field in resolved.properties) found.push([...path, name]);
        next.push({ path: [...path, name], schema: resolved });
      }
    }
    if (found.length === 1) return found[0];
    if (found.length > 1) return undefined;
    frontier = next;
  }
  return undefined;
}

function describe(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out === '' ? '(object)' : out;
}

function article(type: string): string {
  return type === 'object'
    ? 'an object'
    : type === 'array'
      ? 'a list'
      : type === 'integer'
        ? 'an integer'
        : `a ${type}`;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function preview(value: unknown): string {
  if (typeof value === 'string')
    return ` (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  if (typeof value === 'number' || typeof value === 'boolean') return ` (${value})`;
  return '';
}

/** The closest known field name when it is a plausible typo (edit distance ≤ 2, or only case differs). */
export function suggest(field: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    if (candidate.toLowerCase() === field.toLowerCase()) return candidate;
    const distance = editDistance(field, candidate, 2);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return bestDistance <= Math.min(2, Math.floor(field.length / 3)) ? best : undefined;
}
