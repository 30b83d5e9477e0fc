// Resource names as people type them (pods, po, Pod, deploy/scale, deployments.apps, widgets.example.com/status),
// resolved the way kubectl resolves them, against the API resources of the Kubernetes minor and the CRDs in the input.
import type { LoadedObject } from '../../core/object.ts';
import type { ApiResourceInfo } from './defaults/index.ts';

export interface ResolvedResource {
  group: string;
  resource: string;
  subresource: string;
  /** undefined when the resource is not known (neither built in nor a CRD in the input). */
  namespaced?: boolean;
  kind?: string;
}

/** The resources CustomResourceDefinitions in the input serve. */
export function crdResources(objects: readonly LoadedObject[]): ApiResourceInfo[] {
  const out: ApiResourceInfo[] = [];
  for (const { object } of objects) {
    if (object.kind !== 'CustomResourceDefinition') continue;
    const spec = object.spec as
      | {
          group?: unknown;
          scope?: unknown;
          names?: { plural?: unknown; kind?: unknown; shortNames?: unknown };
        }
      | undefined;
    const plural = spec?.names?.plural;
    if (typeof spec?.group !== 'string' || typeof plural !== 'string') continue;
    const shortNames = Array.isArray(spec.names?.shortNames)
      ? spec.names.shortNames.filter((s): s is string => typeof s === 'string')
      : [];
    out.push({
      group: spec.group,
      resource: plural,
      kind: typeof spec.names?.kind === 'string' ? spec.names.kind : '',
      namespaced: spec.scope !== 'Cluster',
      shortNames,
      subresources: ['status', 'scale'],
    });
  }
  return out;
}

/**
 * `RESOURCE[.GROUP][/SUBRESOURCE]`. A name that matches nothing known is taken literally when it carries a group
 * (RBAC does not need the resource to exist) and refused otherwise, so a typo is not answered with "nobody".
 */
export function resolveResource(
  text: string,
  known: readonly ApiResourceInfo[],
  explicitGroup?: string,
): ResolvedResource | { error: string } {
  const slash = text.indexOf('/');
  const head = slash === -1 ? text : text.slice(0, slash);
  const subresource = slash === -1 ? '' : text.slice(slash + 1);
  if (head === '') return { error: `"${text}" names no resource` };
  if (head === '*') return { group: explicitGroup ?? '', resource: '*', subresource };
  const dot = head.indexOf('.');
  const name = dot === -1 ? head : head.slice(0, dot);
  const group = explicitGroup ?? (dot === -1 ? undefined : head.slice(dot + 1));
  const lower = name.toLowerCase();
  const candidates = known.filter(
    (r) =>
      (group === undefined || r.group === group) &&
      (r.resource === lower ||
        r.kind.toLowerCase() === lower ||
        r.shortNames.includes(lower) ||
        (r.kind !== '' && `${r.kind.toLowerCase()}s` === lower)),
  );
  // kubectl prefers the core group, then the rest in discovery order.
  const found = candidates.find((r) => r.group === '') ?? candidates[0];
  if (found) {
    if (
      subresource !== '' &&
      subresource !== '*' &&
      found.subresources.length > 0 &&
      !found.subresources.includes(subresource)
    )
      return {
        error: `${found.resource}${found.group ? `.${found.group}` : ''} has no subresource "${subresource}" (it has ${found.subresources.join(', ')})`,
      };
    return {
      group: found.group,
      resource: found.resource,
      subresource,
      namespaced: found.namespaced,
      kind: found.kind,
    };
  }
  if (group !== undefined) return { group, resource: name, subresource };
  return {
    error: `unknown resource "${name}": write it as RESOURCE.GROUP (e.g. widgets.example.com) or give --api-group`,
  };
}
