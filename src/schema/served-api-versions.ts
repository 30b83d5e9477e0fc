// The group/versions a schema set says are served, as `helm template --api-versions` takes them: charts pick an
// API version with `.Capabilities.APIVersions.Has`, and without them helm assumes only its own built-in list.
import type { SchemaSet } from './validator.ts';

/** Kinds every group/version's OpenAPI lists (meta types), which do not say the group/version is served. */
const META_KINDS = new Set([
  'DeleteOptions',
  'WatchEvent',
  'Status',
  'APIGroup',
  'APIGroupList',
  'APIResourceList',
]);

/**
 * What `helm template --api-versions` takes: every group/version that serves a kind of its own, and each
 * group/version/Kind. Meta kinds are listed under every version of a group, served or long removed
 * (autoscaling/v2beta1 DeleteOptions at 1.34), so they do not count.
 */
export function servedApiVersions(set: SchemaSet): string[] {
  const out = new Set<string>();
  for (const key of set.kinds.keys()) {
    const colon = key.lastIndexOf(':');
    const kind = key.slice(colon + 1);
    if (META_KINDS.has(kind)) continue;
    const apiVersion = key.slice(0, colon);
    out.add(apiVersion);
    out.add(`${apiVersion}/${kind}`);
  }
  return [...out].sort();
}
