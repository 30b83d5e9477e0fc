// Container defaults a LimitRange applies at admission.
// https://kubernetes.io/docs/concepts/policy/limit-range/
import type { ObjectIndex } from '../core/index.ts';
import type { ResourceSection } from './quantity.ts';

interface Defaults {
  requests: Set<string>;
  limits: Set<string>;
}

function keysOf(value: unknown): string[] {
  return value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
}

/** Per namespace, the resources a Container LimitRange in the set defaults (default limit ← max; request ← limit). */
function defaultsByNamespace(index: ObjectIndex): Map<string, Defaults> {
  return index.memo('limit-range-container-defaults', (idx) => {
    const out = new Map<string, Defaults>();
    for (const { object, ref } of idx.ofKind('LimitRange')) {
      const limits = (object.spec as { limits?: unknown } | undefined)?.limits;
      if (!Array.isArray(limits)) continue;
      const namespace = ref.namespace ?? '';
      const entry = out.get(namespace) ?? { requests: new Set<string>(), limits: new Set<string>() };
      out.set(namespace, entry);
      for (const item of limits as Record<string, unknown>[]) {
        if (!item || typeof item !== 'object' || item.type !== 'Container') continue;
        const defaultLimits = [...keysOf(item.default), ...keysOf(item.max)];
        for (const key of defaultLimits) entry.limits.add(key);
        for (const key of [...keysOf(item.defaultRequest), ...defaultLimits]) entry.requests.add(key);
      }
    }
    return out;
  });
}

/** Whether a LimitRange in the object's namespace fills in this container resource when it is unset. */
export function limitRangeDefaults(
  index: ObjectIndex,
  namespace: string | undefined,
  section: ResourceSection,
  resource: string,
): boolean {
  if (!index.hasKind('LimitRange')) return false;
  return (
    defaultsByNamespace(index)
      .get(namespace ?? '')
      ?.[section].has(resource) ?? false
  );
}
