// Decides which schema an object is validated against (CRD in the run, the cluster's OpenAPI, or the bundled
// Kubernetes version) and validates it once per run; the schema-* checks only read the result.
import type { CheckContext, RunSettings } from '../core/check.ts';
import type { ObjectIndex } from '../core/index.ts';
import type { LoadedObject } from '../core/object.ts';
import { groupOf } from '../core/object.ts';
import { apiStatus, compareVersions, deprecationOf } from '../k8s/deprecations.ts';
import { bundledSchemaSet, newestBundledVersion, resolveBundledVersion } from './bundled.ts';
import { type CrdEntry, crdsOf } from './crds.ts';
import { type SchemaError, type SchemaSet, validateBuiltin, validateStructural } from './validator.ts';

export interface ClusterSchemas {
  set: SchemaSet;
  /** The cluster's minor version, e.g. "1.34". */
  version: string;
}

const clusterSchemas = new WeakMap<ObjectIndex, ClusterSchemas>();

/** Live mode: validate this run's objects against the cluster's own /openapi/v3. */
export function useClusterSchemas(index: ObjectIndex, schemas: ClusterSchemas): void {
  clusterSchemas.set(index, schemas);
}

export function clusterSchemasOf(index: ObjectIndex): ClusterSchemas | undefined {
  return clusterSchemas.get(index);
}

/** The Kubernetes minor version the run targets: --kube-version, else the cluster's, else the newest bundled. */
export function targetVersion(settings: RunSettings, index?: ObjectIndex): string {
  return settings.kubeVersion ?? (index && clusterSchemas.get(index)?.version) ?? newestBundledVersion();
}

/** The note printed on stderr when --kube-version has no bundled schemas of its own. */
export function kubeVersionNote(kubeVersion: string | undefined): string | undefined {
  if (!kubeVersion) return undefined;
  const { version, exact } = resolveBundledVersion(kubeVersion);
  return exact
    ? undefined
    : `no bundled schemas for Kubernetes ${kubeVersion}; validating against the nearest bundled version, ${version}`;
}

export type Validation =
  | { status: 'validated'; errors: SchemaError[]; against: string }
  | {
      status: 'no-schema';
      /**
       * removed: the table says the target no longer serves it (api-version-removed reports it);
       * not-bundled: served by the target but older than every bundled schema set;
       * unknown-builtin: a built-in group that does not serve this kind in the target;
       * crd-version: a CRD in the run defines the kind but does not serve this version;
       * custom-resource: no CRD for it in the run (the set may be partial).
       */
      reason: 'removed' | 'not-bundled' | 'unknown-builtin' | 'crd-version' | 'custom-resource';
      detail: string;
    };

export function validationOf(
  loaded: LoadedObject,
  context: Pick<CheckContext<unknown>, 'index' | 'settings'>,
): Validation {
  const cache = context.index.memo('schema:validations', () => new Map<LoadedObject, Validation>());
  let result = cache.get(loaded);
  if (!result) {
    result = validate(loaded, context.index, context.settings);
    cache.set(loaded, result);
  }
  return result;
}

function validate(loaded: LoadedObject, index: ObjectIndex, settings: RunSettings): Validation {
  const { apiVersion, kind } = loaded.object;
  const group = groupOf(apiVersion);
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  const crd = crdsOf(index).get(`${group}/${kind}`);
  if (crd) return validateCustom(loaded, crd, version);

  const live = clusterSchemas.get(index);
  const set = live?.set ?? bundledSchemaSet(resolveBundledVersion(settings.kubeVersion).version);
  const errors = validateBuiltin(set, loaded.object);
  // The API server ignores the status of a built-in object it is given (controllers write it through the
  // status subresource), so a partial or stale status in a manifest or snapshot is not an error.
  if (errors)
    return { status: 'validated', errors: errors.filter((e) => e.path[0] !== 'status'), against: set.label };

  const target = targetVersion(settings, index);
  const deprecation = deprecationOf(apiVersion, kind);
  if (deprecation) {
    if (apiStatus(deprecation, target) === 'removed')
      return {
        status: 'no-schema',
        reason: 'removed',
        detail: `removed in Kubernetes ${deprecation.removedIn}`,
      };
    if (!live && compareVersions(target, resolveBundledVersion(target).version) < 0)
      return {
        status: 'no-schema',
        reason: 'not-bundled',
        detail: `no bundled schema for Kubernetes ${target}`,
      };
  }
  const served = builtinGroups(set).get(group);
  if (served) {
    const elsewhere = served.kindVersions.get(kind);
    const detail = elsewhere
      ? `${set.label} serves ${kind} as ${[...elsewhere].join(', ')}`
      : `${set.label} has no kind "${kind}" in API group "${group || 'core'}"`;
    return { status: 'no-schema', reason: 'unknown-builtin', detail };
  }
  return {
    status: 'no-schema',
    reason: 'custom-resource',
    detail: live
      ? `the cluster serves no ${apiVersion} ${kind}`
      : `no CustomResourceDefinition for ${group}/${kind} in the input or --crds`,
  };
}

function validateCustom(loaded: LoadedObject, crd: CrdEntry, version: string): Validation {
  const served = crd.versions.find((v) => v.name === version && v.served);
  if (!served) {
    const names = crd.versions.filter((v) => v.served).map((v) => `${crd.group}/${v.name}`);
    return {
      status: 'no-schema',
      reason: 'crd-version',
      detail: `CustomResourceDefinition "${crd.name}" serves ${names.length > 0 ? names.join(', ') : 'no version'}`,
    };
  }
  const against = `CustomResourceDefinition "${crd.name}"`;
  if (!served.schema) return { status: 'validated', errors: [], against };
  const meta = bundledSchemaSet(newestBundledVersion());
  return { status: 'validated', errors: validateStructural(served.schema, loaded.object, meta), against };
}

interface GroupInfo {
  kindVersions: Map<string, Set<string>>;
}

const groupCache = new WeakMap<SchemaSet, Map<string, GroupInfo>>();

/** API groups the set serves (core is ""), with the apiVersions serving each kind; plus groups Kubernetes dropped. */
function builtinGroups(set: SchemaSet): Map<string, GroupInfo> {
  let groups = groupCache.get(set);
  if (groups) return groups;
  groups = new Map();
  const add = (apiVersion: string, kind: string | undefined) => {
    const group = groupOf(apiVersion);
    let info = groups!.get(group);
    if (!info) {
      info = { kindVersions: new Map() };
      groups!.set(group, info);
    }
    if (kind) {
      const versions = info.kindVersions.get(kind) ?? new Set();
      versions.add(apiVersion);
      info.kindVersions.set(kind, versions);
    }
  };
  for (const key of set.kinds.keys()) {
    const at = key.lastIndexOf(':');
    const kind = key.slice(at + 1);
    if (kind === 'DeleteOptions' || kind === 'WatchEvent' || kind === 'Status')
      add(key.slice(0, at), undefined);
    else add(key.slice(0, at), kind);
  }
  add('extensions/v1beta1', undefined);
  groupCache.set(set, groups);
  return groups;
}
