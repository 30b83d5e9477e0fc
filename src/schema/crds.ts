// CustomResourceDefinitions of the run (in the input or given with --crds), indexed by group and kind.
// https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/
import type { ObjectIndex } from '../core/index.ts';
import type { LoadedObject } from '../core/object.ts';

export interface CrdVersion {
  name: string;
  served: boolean;
  /** openAPIV3Schema; undefined when the CRD gives none (v1beta1 without validation). */
  schema?: object;
  deprecated?: boolean;
  deprecationWarning?: string;
}

export interface CrdEntry {
  crd: LoadedObject;
  /** metadata.name, e.g. servicemonitors.monitoring.coreos.com */
  name: string;
  group: string;
  kind: string;
  versions: CrdVersion[];
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Reads a CRD of apiextensions.k8s.io/v1 or v1beta1; undefined when it does not have the shape of one. */
export function readCrd(loaded: LoadedObject): CrdEntry | undefined {
  const spec = record(loaded.object.spec);
  const names = record(spec?.names);
  if (!spec || typeof spec.group !== 'string' || typeof names?.kind !== 'string') return undefined;
  // v1beta1: a top-level validation applies to every version.
  const topSchema = record(record(spec.validation)?.openAPIV3Schema);
  const versions: CrdVersion[] = [];
  if (Array.isArray(spec.versions)) {
    for (const raw of spec.versions) {
      const version = record(raw);
      if (!version || typeof version.name !== 'string') continue;
      const schema = record(record(version.schema)?.openAPIV3Schema) ?? topSchema;
      versions.push({
        name: version.name,
        served: version.served !== false,
        ...(schema ? { schema } : {}),
        ...(version.deprecated === true ? { deprecated: true } : {}),
        ...(typeof version.deprecationWarning === 'string'
          ? { deprecationWarning: version.deprecationWarning }
          : {}),
      });
    }
  } else if (typeof spec.version === 'string') {
    versions.push({ name: spec.version, served: true, ...(topSchema ? { schema: topSchema } : {}) });
  }
  return {
    crd: loaded,
    name: loaded.ref.name,
    group: spec.group,
    kind: names.kind,
    versions,
  };
}

/** group + "/" + kind → the CRD defining it (input CRDs win over --crds ones). Built once per run. */
export function crdsOf(index: ObjectIndex): ReadonlyMap<string, CrdEntry> {
  return index.memo('schema:crds', (idx) => {
    const map = new Map<string, CrdEntry>();
    const candidates = [
      ...idx.ofKind('CustomResourceDefinition'),
      ...idx.supporting.filter((o) => o.object.kind === 'CustomResourceDefinition'),
    ];
    for (const loaded of candidates) {
      if (!String(loaded.object.apiVersion).startsWith('apiextensions.k8s.io/')) continue;
      const entry = readCrd(loaded);
      if (!entry) continue;
      const key = `${entry.group}/${entry.kind}`;
      if (!map.has(key)) map.set(key, entry);
    }
    return map;
  });
}
