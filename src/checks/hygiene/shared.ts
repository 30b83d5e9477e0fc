import type { RunSettings } from '../../core/check.ts';
import { SYSTEM_NAMESPACES } from '../../k8s/usage.ts';

export interface HygieneParams {
  /** Namespaces whose objects are never called unused (platform-owned): "name" or "prefix*". */
  excludeNamespaces: string[];
  /**
   * Object names never reported (platform-owned), as "name", "prefix*" or "Kind/name" / "Kind/prefix*"; the
   * managed-platform profiles (src/hygiene/profiles.ts) add theirs.
   */
  excludeNames?: string[];
}

export const HYGIENE_DEFAULTS: HygieneParams = {
  excludeNamespaces: [...SYSTEM_NAMESPACES],
  excludeNames: [],
};

/** True when the object's namespace or name is excluded (platform-owned). A bare namespace string is accepted. */
export function excluded(
  what: string | undefined | { namespace?: string | undefined; name: string; kind: string },
  params: HygieneParams,
): boolean {
  const ref = typeof what === 'object' ? what : undefined;
  const namespace = typeof what === 'object' ? what.namespace : what;
  if (namespace !== undefined && matchesName(params.excludeNamespaces, namespace)) return true;
  if (ref?.kind === 'Namespace' && matchesName(params.excludeNamespaces, ref.name)) return true;
  if (!ref) return false;
  for (const pattern of params.excludeNames ?? []) {
    if (typeof pattern !== 'string' || pattern === '') continue;
    const slash = pattern.indexOf('/');
    const kind = slash > 0 ? pattern.slice(0, slash) : undefined;
    const name = slash > 0 ? pattern.slice(slash + 1) : pattern;
    if (kind !== undefined && kind !== ref.kind) continue;
    if (name.endsWith('*') ? ref.name.startsWith(name.slice(0, -1)) : ref.name === name) return true;
  }
  return false;
}

/** "name" or "prefix*" patterns. */
function matchesName(patterns: readonly unknown[], name: string): boolean {
  if (!Array.isArray(patterns)) return false;
  return patterns.some(
    (p) =>
      typeof p === 'string' && p !== '' && (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p),
  );
}

/** Hygiene only means something on a whole cluster: a file review cannot know what else uses an object. */
export function completeSet(settings: RunSettings, partial: boolean): boolean {
  return !partial && settings.kindsRead !== undefined;
}

import { type Check, defineCheck } from '../../core/check.ts';
import type { ReferencedKind } from '../../k8s/references.ts';
import { usedBecause } from '../../k8s/usage.ts';

type UnusedMeta = Pick<
  Check<HygieneParams>,
  'id' | 'title' | 'severity' | 'description' | 'remediation' | 'peers'
>;

/** The shared logic of the "unused <kind>" checks: nothing in the whole cluster uses the object. */
export function unusedCheck(kind: ReferencedKind, meta: UnusedMeta): Check<HygieneParams> {
  return defineCheck<HygieneParams>({
    ...meta,
    category: 'hygiene',
    docs: ['https://kubernetes.io/docs/concepts/cluster-administration/'],
    appliesTo: [kind],
    params: HYGIENE_DEFAULTS,
    // Without every pod (and the kind itself) "nothing uses it" would be a guess.
    requires: ['Pod', kind],
    *check(loaded, { index, params }) {
      if (index.partial || excluded(loaded.ref, params)) return;
      if (usedBecause(index, loaded, kind)) return;
      yield { message: `${kind} "${loaded.ref.name}" is not used by any pod or other object in the cluster` };
    },
  });
}

/** Whole days between an RFC 3339 timestamp and now; undefined when the timestamp is missing or unparseable. */
export function daysSince(timestamp: unknown, now: Date): number | undefined {
  if (typeof timestamp !== 'string') return undefined;
  const t = Date.parse(timestamp);
  if (Number.isNaN(t)) return undefined;
  return (now.getTime() - t) / 86_400_000;
}

export function hasOwner(object: { metadata?: { ownerReferences?: unknown } }): boolean {
  const refs = object.metadata?.ownerReferences;
  return Array.isArray(refs) && refs.length > 0;
}
