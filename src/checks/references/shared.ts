// Shared logic of the *-reference-missing checks (not a check itself).
import type { CheckContext, Issue } from '../../core/check.ts';
import type { LoadedObject } from '../../core/object.ts';
import {
  ALWAYS_PRESENT,
  controlledInSet,
  findDataObject,
  type Reference,
  referencesFrom,
} from '../../k8s/references.ts';

export function where(index: CheckContext<unknown>['index']): string {
  return index.partial ? 'the input' : 'the cluster';
}

function subject(ref: Reference): string {
  if (ref.container !== undefined) return `container "${ref.container}"`;
  return ref.via === 'imagePullSecrets' ? 'imagePullSecrets' : `${ref.via}`;
}

/**
 * Missing ConfigMaps/Secrets (and missing keys of present ones) referenced by one object. One finding per
 * missing object or key, at its first reference; `optional: true` references never fire.
 */
export function* missingDataReferences(
  kind: 'ConfigMap' | 'Secret',
  loaded: LoadedObject,
  ctx: CheckContext<unknown>,
  vias?: readonly string[],
): Generator<Issue> {
  if (controlledInSet(ctx.index, loaded)) return; // reported on its owner
  const seen = new Set<string>();
  for (const ref of referencesFrom(ctx.index, loaded)) {
    if (ref.kind !== kind || ref.optional) continue;
    if (vias && !vias.includes(ref.via)) continue;
    const always = ALWAYS_PRESENT[kind]?.includes(ref.name);
    const found = always ? undefined : findDataObject(ctx.index, kind, ref.namespace, ref.name);
    if (!always && !found) {
      if (seen.has(ref.name)) continue;
      seen.add(ref.name);
      yield {
        path: ref.path,
        message: `${subject(ref)} references ${kind} "${ref.name}", which is not in ${where(ctx.index)}`,
        ...(ctx.index.partial ? { severity: 'info' as const } : {}),
      };
      continue;
    }
    const keys = always ? new Set(['ca.crt']) : found?.keys;
    if (!keys || !ref.keys) continue;
    for (const key of ref.keys) {
      if (keys.has(key) || seen.has(`${ref.name}\u0000${key}`)) continue;
      seen.add(`${ref.name}\u0000${key}`);
      yield {
        path: ref.path,
        message: `${subject(ref)} references key "${key}" of ${kind} "${ref.name}", which has no such key`,
      };
    }
  }
}

/** Missing objects of a kind that has no keys (ServiceAccount, PVC, PriorityClass, Role). */
export function* missingObjectReferences(
  kinds: readonly Reference['kind'][],
  loaded: LoadedObject,
  ctx: CheckContext<unknown>,
  isBuiltIn: (ref: Reference) => boolean = () => false,
): Generator<Issue> {
  if (controlledInSet(ctx.index, loaded)) return; // reported on its owner
  const seen = new Set<string>();
  for (const ref of referencesFrom(ctx.index, loaded)) {
    if (!kinds.includes(ref.kind)) continue;
    if (ALWAYS_PRESENT[ref.kind]?.includes(ref.name) || isBuiltIn(ref)) continue;
    if (ctx.index.get(ref.kind, ref.namespace, ref.name)) continue;
    const key = `${ref.kind}\u0000${ref.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    yield {
      path: ref.path,
      message: `${ref.via === 'volume' ? 'volume' : ref.via} references ${ref.kind} "${ref.name}", which is not in ${where(ctx.index)}`,
      ...(ctx.index.partial ? { severity: 'info' as const } : {}),
    };
  }
}
