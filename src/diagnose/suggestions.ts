// "Did you mean …?" from the cluster's own data: the labels the namespace's pods carry next to a selector that
// matches nothing, other tags of an image's repository that run in the cluster, the keys a ConfigMap or Secret
// has, the ports the selected pods declare, the names of objects of a kind. Only names are read — never values.
import type { RunSettings } from '../core/check.ts';
import { closestNames } from '../core/edit-distance.ts';
import type { ObjectIndex } from '../core/index.ts';
import type { LoadedObject } from '../core/object.ts';
import { parseImage } from '../k8s/images.ts';
import { matchesMap } from '../k8s/labels.ts';
import { podsByLabel } from '../k8s/pod-selection.ts';
import { kindRead } from './kinds.ts';

export interface SelectorSuggestion {
  /** The selector with its unmatched pairs replaced. */
  selector: Record<string, string>;
  /** Pairs replaced: [written, meant]. */
  replaced: [string, string][];
  /** Pods the suggested selector matches. */
  pods: LoadedObject[];
}

/**
 * A selector that matches no pod, next to pods whose labels are a typo away: replace each pair no pod carries by
 * the closest pair that does (same key and a near value, or a near key and the same value), and keep the result
 * only when it selects pods.
 */
export function selectorSuggestion(
  index: ObjectIndex,
  namespace: string,
  selector: Readonly<Record<string, string>>,
): SelectorSuggestion | undefined {
  const pods = podsByLabel(index).inNamespace(namespace);
  if (pods.length === 0) return undefined;
  const present = new Set<string>();
  for (const pod of pods)
    for (const [k, v] of Object.entries(pod.object.metadata.labels ?? {})) present.add(`${k}=${v}`);
  const suggested: Record<string, string> = {};
  const replaced: [string, string][] = [];
  for (const [key, value] of Object.entries(selector)) {
    const pair = `${key}=${value}`;
    if (present.has(pair)) {
      suggested[key] = value;
      continue;
    }
    const near = closestNames(pair, present, 1)[0];
    if (!near) return undefined;
    const eq = near.indexOf('=');
    suggested[near.slice(0, eq)] = near.slice(eq + 1);
    replaced.push([pair, near]);
  }
  if (replaced.length === 0) return undefined;
  const matching = pods.filter((p) => matchesMap(suggested, p.object.metadata.labels ?? {}));
  return matching.length > 0 ? { selector: suggested, replaced, pods: matching } : undefined;
}

/** Tags of each repository that run in the cluster (a running container pulled them), built once per run. */
function runningTags(index: ObjectIndex): Map<string, Map<string, number>> {
  return index.memo('running-image-tags', (idx) => {
    const out = new Map<string, Map<string, number>>();
    for (const pod of idx.ofKind('Pod')) {
      const statuses = (pod.object.status as { containerStatuses?: unknown } | undefined)?.containerStatuses;
      if (!Array.isArray(statuses)) continue;
      for (const s of statuses as { image?: unknown; state?: { running?: unknown } }[]) {
        if (typeof s?.image !== 'string' || !s.state?.running) continue;
        const { registry, repository, tag } = parseImage(s.image);
        if (!tag) continue;
        const repo = `${registry ?? 'docker.io'}/${repository}`;
        const tags = out.get(repo) ?? new Map<string, number>();
        tags.set(tag, (tags.get(tag) ?? 0) + 1);
        out.set(repo, tags);
      }
    }
    return out;
  });
}

/** Other tags of the image's repository that run in the cluster, most used first: "2.3.1 (3 pods)". */
export function otherTagsInUse(index: ObjectIndex, image: string): { tag: string; pods: number }[] {
  const { registry, repository, tag } = parseImage(image);
  const tags = runningTags(index).get(`${registry ?? 'docker.io'}/${repository}`);
  if (!tags) return [];
  return [...tags]
    .filter(([t]) => t !== tag)
    .map(([t, pods]) => ({ tag: t, pods }))
    .sort((a, b) => b.pods - a.pods || (a.tag < b.tag ? -1 : 1));
}

/** Key names of a ConfigMap or Secret (data and binaryData/stringData), never their values. */
export function keysOf(object: LoadedObject): string[] {
  const o = object.object as { data?: unknown; binaryData?: unknown; stringData?: unknown };
  const keys = new Set<string>();
  for (const section of [o.data, o.binaryData, o.stringData])
    if (section && typeof section === 'object' && !Array.isArray(section))
      for (const k of Object.keys(section)) keys.add(k);
  return [...keys].sort();
}

/** Names of objects of a kind in a namespace within a typo of `name`. */
export function similarNames(
  index: ObjectIndex,
  kind: string,
  namespace: string | undefined,
  name: string,
): string[] {
  return closestNames(
    name,
    index
      .ofKind(kind)
      .filter((o) => o.ref.namespace === namespace)
      .map((o) => o.ref.name),
    3,
  );
}

/** "did you mean a, b?" with the names quoted, or empty. */
export function didYouMean(names: readonly string[]): string {
  return names.length > 0 ? `Did you mean ${names.map((n) => `"${n}"`).join(' or ')}? ` : '';
}

/** Create it or fix the reference, naming the keys the object has or the objects of that kind nearby. */
export function missingConfigRemedy(
  index: ObjectIndex,
  ns: string | undefined,
  missing: { kind: string; name: string; key?: string },
  settings: RunSettings,
): string {
  // Every pod of a workload names the same missing object: work it out once.
  const cache = index.memo('missing-config-remedies', () => new Map<string, string>());
  const id = `${missing.kind}\u0000${ns ?? ''}\u0000${missing.name}\u0000${missing.key ?? ''}`;
  let remedy = cache.get(id);
  if (remedy === undefined) {
    remedy = configRemedy(index, ns, missing, settings);
    cache.set(id, remedy);
  }
  return remedy;
}

function configRemedy(
  index: ObjectIndex,
  ns: string | undefined,
  missing: { kind: string; name: string; key?: string },
  settings: RunSettings,
): string {
  const where = `${missing.kind} ${missing.name}`;
  if (missing.key !== undefined) {
    const object = index.get(missing.kind, ns, missing.name);
    const keys = object ? keysOf(object) : [];
    if (!object)
      return `Add key "${missing.key}" to ${where}, or reference a key it has (kubectl get ${missing.kind.toLowerCase()} ${missing.name} -o yaml), or mark the reference optional: true.`;
    return (
      `${didYouMean(closestNames(missing.key, keys, 2))}${where} has ${keys.length > 0 ? `the keys ${keys.join(', ')}` : 'no keys'}: ` +
      `reference one of them, add key "${missing.key}" to it, or mark the reference optional: true.`
    );
  }
  const near = kindRead(settings, missing.kind) ? similarNames(index, missing.kind, ns, missing.name) : [];
  return (
    `${didYouMean(near)}Create ${where} in namespace ${ns ?? ''}${near.length > 0 ? ', or reference the existing one' : ''}, ` +
    'or mark the reference optional: true; the kubelet retries on its own once it exists.'
  );
}
