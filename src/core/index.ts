import { type LoadedObject, scopeOf } from './object.ts';

/**
 * The loaded object set with its lookups. Derived indexes (pods by label, references, …) are built on
 * first use through memo() and shared by every check of the run, so cross-object checks never scan pairs.
 */
export class ObjectIndex {
  readonly all: readonly LoadedObject[];
  /** True when the set may be incomplete (files under review), false for a whole cluster or snapshot. */
  readonly partial: boolean;
  private readonly kinds = new Map<string, LoadedObject[]>();
  private readonly byKey = new Map<string, LoadedObject>();
  /** Every object of a key written more than once (e.g. the same Deployment in two overlay directories). */
  private readonly repeated = new Map<string, LoadedObject[]>();
  private readonly memos = new Map<string, unknown>();

  /** Objects given for context only (e.g. --crds): looked up by checks, never checked themselves. */
  readonly supporting: readonly LoadedObject[];

  constructor(
    objects: readonly LoadedObject[],
    options: { partial: boolean; supporting?: readonly LoadedObject[] },
  ) {
    this.all = objects;
    this.partial = options.partial;
    this.supporting = options.supporting ?? [];
    for (const loaded of objects) {
      const kind = loaded.object.kind;
      push(this.kinds, kind, loaded);
      const key = objectKey(kind, loaded.ref.namespace, loaded.ref.name);
      const first = this.byKey.get(key);
      if (!first) this.byKey.set(key, loaded);
      else if (this.repeated.has(key)) push(this.repeated, key, loaded);
      else this.repeated.set(key, [first, loaded]);
    }
  }

  ofKind(kind: string): readonly LoadedObject[] {
    return this.kinds.get(kind) ?? [];
  }

  hasKind(kind: string): boolean {
    return this.kinds.has(kind);
  }

  /**
   * The object of that kind, namespace and name. When it is written more than once (sibling directories are
   * usually alternatives: environments, overlays), the one in the same scope as `near` wins, else the first.
   */
  get(
    kind: string,
    namespace: string | undefined,
    name: string,
    near?: LoadedObject,
  ): LoadedObject | undefined {
    const key = objectKey(kind, namespace, name);
    const candidates = near ? this.repeated.get(key) : undefined;
    if (candidates) {
      const scope = scopeOf(near!);
      const same = candidates.find((candidate) => scopeOf(candidate) === scope);
      if (same) return same;
    }
    return this.byKey.get(key);
  }

  /**
   * Forgets derived indexes (a later memo() builds them again): the engine drops each after its last reader,
   * and a review holds none while it builds and writes its report (decision 0046). No keys: all of them.
   */
  forget(keys?: readonly string[]): void {
    if (!keys) this.memos.clear();
    else for (const key of keys) this.memos.delete(key);
  }

  /** Builds a derived index once per run. */
  memo<T>(key: string, build: (index: ObjectIndex) => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = build(this);
    this.memos.set(key, value);
    return value;
  }
}

export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
}

/** Entries grouped by namespace and by each label pair, for selector lookups without scans. */
export class LabelIndex<T> {
  private readonly byPair = new Map<string, T[]>();
  private readonly byNamespace = new Map<string, T[]>();

  add(namespace: string, labels: Readonly<Record<string, string>>, entry: T): void {
    push(this.byNamespace, namespace, entry);
    for (const [key, value] of Object.entries(labels))
      push(this.byPair, pairKey(namespace, key, String(value)), entry);
  }

  /** Candidates carrying every listed pair; with no pairs, everything in the namespace. Callers verify. */
  candidates(namespace: string, pairs: readonly [string, string][]): readonly T[] {
    if (pairs.length === 0) return this.byNamespace.get(namespace) ?? [];
    let best: readonly T[] | undefined;
    for (const [key, value] of pairs) {
      const list = this.byPair.get(pairKey(namespace, key, value)) ?? [];
      if (!best || list.length < best.length) best = list;
      if (best.length === 0) break;
    }
    return best ?? [];
  }

  inNamespace(namespace: string): readonly T[] {
    return this.byNamespace.get(namespace) ?? [];
  }
}

function pairKey(namespace: string, key: string, value: string): string {
  return `${namespace}\u0000${key}\u0000${value}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
