import type { RunSettings } from '../../core/check.ts';
import { SYSTEM_NAMESPACES } from '../../k8s/usage.ts';

export interface HygieneParams {
  /** Namespaces whose objects are never called unused (platform-owned). */
  excludeNamespaces: string[];
}

export const HYGIENE_DEFAULTS: HygieneParams = { excludeNamespaces: [...SYSTEM_NAMESPACES] };

export function excluded(namespace: string | undefined, params: HygieneParams): boolean {
  return namespace !== undefined && params.excludeNamespaces.includes(namespace);
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
    docs: ['https://kubernetes.io/docs/concepts/cluster-administration/', 'docs/hygiene-rules.md'],
    appliesTo: [kind],
    params: HYGIENE_DEFAULTS,
    // Without every pod (and the kind itself) "nothing uses it" would be a guess.
    requires: ['Pod', kind],
    *check(loaded, { index, params }) {
      if (index.partial || excluded(loaded.ref.namespace, params)) return;
      if (usedBecause(index, loaded, kind)) return;
      yield { message: `${kind} "${loaded.ref.name}" is not used by any pod or other object in the cluster` };
    },
  });
}
