import { dirname } from 'node:path';
import type { Path } from './path.ts';

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: {
    apiVersion?: string;
    kind?: string;
    name?: string;
    uid?: string;
    controller?: boolean;
  }[];
  uid?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  finalizers?: string[];
  [key: string]: unknown;
}

/** A Kubernetes object as parsed: only apiVersion, kind and metadata are known to exist. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface SourcePosition {
  line: number;
  column: number;
}

/** Where a field was written, for a finding: a file, and the line and column when they are known exactly. */
export interface Placement {
  file: string;
  line?: number;
  column?: number;
}

/** Where an object came from, and how to turn a path inside it into a file position. */
export interface ObjectOrigin {
  file: string;
  /** 0-based index of the YAML document in the file. */
  document: number;
  /** Position of the closest existing node along the path (the object's start when nothing matches). */
  locate(path: Path): SourcePosition;
  /**
   * For rendered objects, where a path was *written*, when that is not `file` at `locate`'s position: the template
   * line that produced a Helm field (no line when it cannot be known exactly), the Kustomize patch that set a
   * field. Findings use it (placeOf); absent for plain files.
   */
  place?(path: Path): Placement;
  /**
   * The directory of objects applied together, when it is not the file's own: a Kustomize build (whose objects
   * point at their base and overlay files) is one apply of its kustomization directory.
   */
  scope?: string;
}

export interface LoadedObject {
  readonly object: KubeObject;
  readonly ref: ObjectRef;
  readonly origin?: ObjectOrigin;
}

/** Where a path of an object was written: its origin's placement, else its file at the located position. */
export function placeOf(origin: ObjectOrigin, path: Path): Placement {
  if (origin.place) return origin.place(path);
  return { file: origin.file, ...origin.locate(path) };
}

export function refOf(object: KubeObject): ObjectRef {
  const ref: ObjectRef = {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata?.name ?? object.metadata?.generateName ?? '',
  };
  if (object.metadata?.namespace) ref.namespace = object.metadata.namespace;
  return ref;
}

/**
 * The build an object belongs to: the files of one directory are applied together (kubectl apply -f dir), a
 * rendered chart or kustomization is one build; sibling directories are usually alternatives.
 */
export function scopeOf(loaded: LoadedObject): string {
  const origin = loaded.origin;
  if (!origin) return '';
  return origin.scope ?? dirname(origin.file);
}

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** "Deployment apps/v1 shop/checkout" style, for messages and logs. */
export function describeRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') freezeTree(value as object);
  return value;
}

/** Index and key loops, not Object.values: a 10k-pod snapshot has millions of nodes, each array is garbage. */
function freezeTree(value: object): void {
  // Typed arrays (a `!!binary` scalar) cannot be frozen; they hold bytes, not fields.
  if (Object.isFrozen(value) || ArrayBuffer.isView(value)) return;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const child: unknown = value[i];
      if (child !== null && typeof child === 'object') freezeTree(child);
    }
    return;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const child: unknown = (value as Record<string, unknown>)[key];
    if (child !== null && typeof child === 'object') freezeTree(child);
  }
}
