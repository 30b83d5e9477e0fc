// "Who references what": every by-name reference from one object to another, indexed both ways, built once
// per run. Used by the *-reference-missing checks and, later, by hygiene ("unused ConfigMap") commands.
//
// Reference paths collected (the path of each reference is kept for findings):
// Pod specs of every workload kind (k8s/workloads.ts), in regular, init and ephemeral containers alike:
//   ConfigMap       spec.volumes[].configMap.name (+ items[].key)
//                   spec.volumes[].projected.sources[].configMap.name (+ items[].key)
//                   containers[].env[].valueFrom.configMapKeyRef.name (+ key)
//                   containers[].envFrom[].configMapRef.name
//   Secret          spec.volumes[].secret.secretName (+ items[].key)
//                   spec.volumes[].projected.sources[].secret.name (+ items[].key)
//                   containers[].env[].valueFrom.secretKeyRef.name (+ key)
//                   containers[].envFrom[].secretRef.name
//                   spec.imagePullSecrets[].name
//                   spec.volumes[].csi.nodePublishSecretRef.name, azureFile.secretName, and secretRef.name of
//                   cephfs, rbd, iscsi, flexVolume, scaleIO, storageos volumes
//   PersistentVolumeClaim  spec.volumes[].persistentVolumeClaim.claimName
//   ServiceAccount  spec.serviceAccountName, else the deprecated spec.serviceAccount (absent: "default")
//   PriorityClass   spec.priorityClassName (cluster-scoped)
// Other kinds:
//   Secret          Ingress spec.tls[].secretName; ServiceAccount secrets[].name and imagePullSecrets[].name
//   Service         Ingress backends (spec.defaultBackend, spec.backend, spec.rules[].http.paths[].backend)
//   Role/ClusterRole  RoleBinding/ClusterRoleBinding roleRef
//   ServiceAccount  RoleBinding/ClusterRoleBinding subjects[] of kind ServiceAccount (their namespace)
//   (HorizontalPodAutoscaler scaleTargetRef lives in k8s/disruption.ts.)
// `optional: true` (ConfigMap/Secret volumes, projections, env and envFrom) is recorded; such references never
// make a pod fail, so the missing-reference checks skip them.
import { type ObjectIndex, objectKey } from '../core/index.ts';
import type { LoadedObject } from '../core/object.ts';
import type { Path } from '../core/path.ts';
import { isRecord } from './disruption.ts';
import { ingressBackends } from './services.ts';
import { containersOf, podSpecOf } from './workloads.ts';

export type ReferencedKind =
  | 'ConfigMap'
  | 'Secret'
  | 'ServiceAccount'
  | 'PersistentVolumeClaim'
  | 'PriorityClass'
  | 'Service'
  | 'Role'
  | 'ClusterRole';

export interface Reference {
  from: LoadedObject;
  kind: ReferencedKind;
  /** Namespace of the referenced object; undefined for cluster-scoped kinds. */
  namespace: string | undefined;
  name: string;
  /** Keys of the referenced ConfigMap/Secret the reference needs (env key refs, volume items). */
  keys?: string[];
  optional: boolean;
  /** Path inside `from` to the field that names the object. */
  path: Path;
  /** How it is referenced, e.g. "env", "envFrom", "volume", "imagePullSecrets". */
  via: string;
  /** Container name for container-level references. */
  container?: string;
}

export interface ReferenceIndex {
  bySource: Map<LoadedObject, Reference[]>;
  /** Keyed by objectKey(kind, namespace, name). */
  byTarget: Map<string, Reference[]>;
}

const CLUSTER_SCOPED_TARGETS = new Set<ReferencedKind>(['PriorityClass', 'ClusterRole']);

/** The built index; build it with `references(index)`. */
export function references(index: ObjectIndex): ReferenceIndex {
  return index.memo('references', (idx) => {
    const out: ReferenceIndex = { bySource: new Map(), byTarget: new Map() };
    for (const loaded of idx.all) {
      const refs = referencesOf(loaded);
      if (refs.length === 0) continue;
      out.bySource.set(loaded, refs);
      for (const ref of refs) {
        const key = objectKey(ref.kind, ref.namespace, ref.name);
        const list = out.byTarget.get(key);
        if (list) list.push(ref);
        else out.byTarget.set(key, [ref]);
      }
    }
    return out;
  });
}

/**
 * ServiceAccounts (objectKey) that a RoleBinding or ClusterRoleBinding of the input names as a subject: what
 * referencesTo(…, 'ServiceAccount', …) finds `via: 'subjects'`, in an index of its own so that a check needing
 * only this does not keep the whole reference index alive between its early and late readers (decision 0046).
 */
export function boundServiceAccounts(index: ObjectIndex): ReadonlySet<string> {
  return index.memo('bound-service-accounts', (idx) => {
    const out = new Set<string>();
    for (const kind of ['RoleBinding', 'ClusterRoleBinding'])
      for (const loaded of idx.ofKind(kind))
        for (const ref of referencesOf(loaded))
          if (ref.via === 'subjects') out.add(objectKey(ref.kind, ref.namespace, ref.name));
    return out;
  });
}

export function referencesFrom(index: ObjectIndex, loaded: LoadedObject): readonly Reference[] {
  return references(index).bySource.get(loaded) ?? [];
}

export function referencesTo(
  index: ObjectIndex,
  kind: ReferencedKind,
  namespace: string | undefined,
  name: string,
): readonly Reference[] {
  return references(index).byTarget.get(objectKey(kind, namespace, name)) ?? [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function itemKeys(items: unknown): string[] | undefined {
  if (!Array.isArray(items)) return undefined;
  const keys = items.filter(isRecord).flatMap((item) => (typeof item.key === 'string' ? [item.key] : []));
  return keys.length > 0 ? keys : undefined;
}

/** Every reference one object makes. Pure; tolerant of any shape. */
export function referencesOf(loaded: LoadedObject): Reference[] {
  const { object, ref } = loaded;
  const namespace = ref.namespace;
  const out: Reference[] = [];
  const add = (r: Omit<Reference, 'from' | 'namespace'>) => {
    out.push({ from: loaded, namespace: CLUSTER_SCOPED_TARGETS.has(r.kind) ? undefined : namespace, ...r });
  };

  const pod = podSpecOf(object);
  if (pod) {
    const spec = pod.spec;
    const base = pod.path;
    // Service account: serviceAccountName wins over the deprecated serviceAccount alias.
    const saName = str(spec.serviceAccountName);
    const saAlias = str(spec.serviceAccount);
    if (saName)
      add({
        kind: 'ServiceAccount',
        name: saName,
        optional: false,
        path: [...base, 'serviceAccountName'],
        via: 'serviceAccountName',
      });
    else if (saAlias)
      add({
        kind: 'ServiceAccount',
        name: saAlias,
        optional: false,
        path: [...base, 'serviceAccount'],
        via: 'serviceAccount',
      });

    const priority = str(spec.priorityClassName);
    if (priority)
      add({
        kind: 'PriorityClass',
        name: priority,
        optional: false,
        path: [...base, 'priorityClassName'],
        via: 'priorityClassName',
      });

    if (Array.isArray(spec.imagePullSecrets)) {
      spec.imagePullSecrets.forEach((s, i) => {
        const name = isRecord(s) ? str(s.name) : undefined;
        if (name)
          add({
            kind: 'Secret',
            name,
            optional: false,
            path: [...base, 'imagePullSecrets', i, 'name'],
            via: 'imagePullSecrets',
          });
      });
    }

    if (Array.isArray(spec.volumes)) {
      spec.volumes.forEach((volume, v) => {
        if (!isRecord(volume)) return;
        const vpath = [...base, 'volumes', v];
        volumeReferences(volume, vpath, add);
      });
    }

    for (const { container, path } of containersOf(object)) {
      const cname = typeof container.name === 'string' ? container.name : undefined;
      const withContainer = (r: Omit<Reference, 'from' | 'namespace'>) =>
        add(cname === undefined ? r : { ...r, container: cname });
      if (Array.isArray(container.env)) {
        container.env.forEach((env, e) => {
          if (!isRecord(env) || !isRecord(env.valueFrom)) return;
          const from = env.valueFrom;
          for (const [field, kind] of [
            ['configMapKeyRef', 'ConfigMap'],
            ['secretKeyRef', 'Secret'],
          ] as const) {
            const keyRef = from[field];
            if (!isRecord(keyRef)) continue;
            const name = str(keyRef.name);
            if (!name) continue;
            const r: Omit<Reference, 'from' | 'namespace'> = {
              kind,
              name,
              optional: keyRef.optional === true,
              path: [...path, 'env', e, 'valueFrom', field],
              via: 'env',
            };
            if (typeof keyRef.key === 'string') r.keys = [keyRef.key];
            withContainer(r);
          }
        });
      }
      if (Array.isArray(container.envFrom)) {
        container.envFrom.forEach((source, s) => {
          if (!isRecord(source)) return;
          for (const [field, kind] of [
            ['configMapRef', 'ConfigMap'],
            ['secretRef', 'Secret'],
          ] as const) {
            const r = source[field];
            const name = isRecord(r) ? str(r.name) : undefined;
            if (!name || !isRecord(r)) continue;
            withContainer({
              kind,
              name,
              optional: r.optional === true,
              path: [...path, 'envFrom', s, field],
              via: 'envFrom',
            });
          }
        });
      }
    }
  }

  switch (object.kind) {
    case 'Ingress': {
      const spec = isRecord(object.spec) ? object.spec : undefined;
      if (spec && Array.isArray(spec.tls)) {
        spec.tls.forEach((tls, t) => {
          const name = isRecord(tls) ? str(tls.secretName) : undefined;
          if (name)
            add({
              kind: 'Secret',
              name,
              optional: false,
              path: ['spec', 'tls', t, 'secretName'],
              via: 'tls',
            });
        });
      }
      for (const backend of ingressBackends(object))
        add({ kind: 'Service', name: backend.service, optional: false, path: backend.path, via: 'backend' });
      break;
    }
    case 'ServiceAccount': {
      for (const field of ['secrets', 'imagePullSecrets'] as const) {
        const list = object[field];
        if (!Array.isArray(list)) continue;
        list.forEach((s, i) => {
          const name = isRecord(s) ? str(s.name) : undefined;
          if (name) add({ kind: 'Secret', name, optional: false, path: [field, i, 'name'], via: field });
        });
      }
      break;
    }
    case 'RoleBinding':
    case 'ClusterRoleBinding': {
      const roleRef = object.roleRef;
      if (isRecord(roleRef)) {
        const name = str(roleRef.name);
        const kind = roleRef.kind === 'Role' || roleRef.kind === 'ClusterRole' ? roleRef.kind : undefined;
        // A ClusterRoleBinding can only bind a ClusterRole; a Role is looked up in the binding's namespace.
        if (name && kind) add({ kind, name, optional: false, path: ['roleRef', 'name'], via: 'roleRef' });
      }
      if (Array.isArray(object.subjects)) {
        object.subjects.forEach((subject, i) => {
          if (!isRecord(subject) || subject.kind !== 'ServiceAccount') return;
          const name = str(subject.name);
          if (!name) return;
          const ns = str(subject.namespace) ?? namespace;
          out.push({
            from: loaded,
            kind: 'ServiceAccount',
            namespace: ns,
            name,
            optional: false,
            path: ['subjects', i],
            via: 'subjects',
          });
        });
      }
      break;
    }
  }
  return out;
}

const SECRET_REF_VOLUMES = ['cephfs', 'rbd', 'iscsi', 'flexVolume', 'scaleIO', 'storageos'] as const;

function volumeReferences(
  volume: Record<string, unknown>,
  vpath: Path,
  add: (r: Omit<Reference, 'from' | 'namespace'>) => void,
): void {
  const withKeys = (r: Omit<Reference, 'from' | 'namespace'>, items: unknown) => {
    const keys = itemKeys(items);
    add(keys ? { ...r, keys } : r);
  };
  if (isRecord(volume.configMap)) {
    const name = str(volume.configMap.name);
    if (name)
      withKeys(
        {
          kind: 'ConfigMap',
          name,
          optional: volume.configMap.optional === true,
          path: [...vpath, 'configMap'],
          via: 'volume',
        },
        volume.configMap.items,
      );
  }
  if (isRecord(volume.secret)) {
    const name = str(volume.secret.secretName);
    if (name)
      withKeys(
        {
          kind: 'Secret',
          name,
          optional: volume.secret.optional === true,
          path: [...vpath, 'secret'],
          via: 'volume',
        },
        volume.secret.items,
      );
  }
  if (isRecord(volume.persistentVolumeClaim)) {
    const name = str(volume.persistentVolumeClaim.claimName);
    if (name)
      add({
        kind: 'PersistentVolumeClaim',
        name,
        optional: false,
        path: [...vpath, 'persistentVolumeClaim', 'claimName'],
        via: 'volume',
      });
  }
  if (isRecord(volume.projected) && Array.isArray(volume.projected.sources)) {
    volume.projected.sources.forEach((source, s) => {
      if (!isRecord(source)) return;
      for (const [field, kind] of [
        ['configMap', 'ConfigMap'],
        ['secret', 'Secret'],
      ] as const) {
        const r = source[field];
        if (!isRecord(r)) continue;
        const name = str(r.name);
        if (name)
          withKeys(
            {
              kind,
              name,
              optional: r.optional === true,
              path: [...vpath, 'projected', 'sources', s, field],
              via: 'projected volume',
            },
            r.items,
          );
      }
    });
  }
  if (isRecord(volume.csi) && isRecord(volume.csi.nodePublishSecretRef)) {
    const name = str(volume.csi.nodePublishSecretRef.name);
    if (name)
      add({
        kind: 'Secret',
        name,
        optional: false,
        path: [...vpath, 'csi', 'nodePublishSecretRef'],
        via: 'volume',
      });
  }
  if (isRecord(volume.azureFile)) {
    const name = str(volume.azureFile.secretName);
    if (name)
      add({
        kind: 'Secret',
        name,
        optional: false,
        path: [...vpath, 'azureFile', 'secretName'],
        via: 'volume',
      });
  }
  for (const type of SECRET_REF_VOLUMES) {
    const source = volume[type];
    if (!isRecord(source) || !isRecord(source.secretRef)) continue;
    const name = str(source.secretRef.name);
    if (name)
      add({ kind: 'Secret', name, optional: false, path: [...vpath, type, 'secretRef'], via: 'volume' });
  }
}

// ---------------------------------------------------------------- what exists

/** Objects the API server or a controller creates in every namespace / cluster, so they always exist. */
export const ALWAYS_PRESENT: Readonly<Record<string, readonly string[]>> = {
  // https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#use-the-default-service-account-to-access-the-api-server
  ServiceAccount: ['default'],
  // https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/#priorityclass
  PriorityClass: ['system-cluster-critical', 'system-node-critical'],
  // https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/#root-ca-certificate-configmap
  ConfigMap: ['kube-root-ca.crt'],
};

export interface DataObject {
  /** The object that is or will become the ConfigMap/Secret. */
  source: LoadedObject;
  /** Keys it holds; undefined when they cannot be known from the manifest. */
  keys?: ReadonlySet<string>;
}

function keysOf(maps: readonly unknown[]): Set<string> {
  const out = new Set<string>();
  for (const map of maps) if (isRecord(map)) for (const k of Object.keys(map)) out.add(k);
  return out;
}

/**
 * Secrets by namespace and name, including those another object in the set will create: cert-manager
 * Certificate (spec.secretName), Bitnami SealedSecret (its own name), External Secrets ExternalSecret
 * (spec.target.name, default its own name).
 */
function secretsIndex(index: ObjectIndex): Map<string, DataObject> {
  return index.memo('secrets-and-providers', (idx) => {
    const out = new Map<string, DataObject>();
    // The same Secret may be defined more than once (several directories in one review): merge their keys.
    const put = (namespace: string | undefined, name: unknown, entry: DataObject) => {
      if (typeof name !== 'string' || name === '') return;
      const key = objectKey('Secret', namespace, name);
      const known = out.get(key);
      if (!known) out.set(key, entry);
      else if (known.keys && entry.keys)
        out.set(key, { source: known.source, keys: new Set([...known.keys, ...entry.keys]) });
      else out.set(key, { source: known.source });
    };
    for (const s of idx.ofKind('Secret')) {
      // Token secrets are filled in by the token controller.
      const entry: DataObject =
        s.object.type === 'kubernetes.io/service-account-token'
          ? { source: s }
          : { source: s, keys: keysOf([s.object.data, s.object.stringData]) };
      put(s.ref.namespace, s.ref.name, entry);
    }
    for (const c of idx.ofKind('Certificate')) {
      const spec = isRecord(c.object.spec) ? c.object.spec : {};
      put(c.ref.namespace, spec.secretName, { source: c, keys: new Set(['tls.crt', 'tls.key', 'ca.crt']) });
    }
    for (const s of idx.ofKind('SealedSecret')) {
      const spec = isRecord(s.object.spec) ? s.object.spec : {};
      const template = isRecord(spec.template) ? spec.template : {};
      put(s.ref.namespace, s.ref.name, { source: s, keys: keysOf([spec.encryptedData, template.data]) });
    }
    for (const e of idx.ofKind('ExternalSecret')) {
      const spec = isRecord(e.object.spec) ? e.object.spec : {};
      const target = isRecord(spec.target) ? spec.target : {};
      put(e.ref.namespace, typeof target.name === 'string' ? target.name : e.ref.name, { source: e });
    }
    return out;
  });
}

/** The ConfigMap or Secret a reference points at, if the set holds it (or something that creates it). */
export function findDataObject(
  index: ObjectIndex,
  kind: 'ConfigMap' | 'Secret',
  namespace: string | undefined,
  name: string,
): DataObject | undefined {
  if (kind === 'Secret') return secretsIndex(index).get(objectKey('Secret', namespace, name));
  const all = objectsNamed(index, 'ConfigMap', namespace, name);
  if (all.length === 0) return undefined;
  return {
    source: all[0] as LoadedObject,
    keys: keysOf(all.flatMap((cm) => [cm.object.data, cm.object.binaryData])),
  };
}

/**
 * Every object of a kind with that namespace and name. Usually one; several when a review spans directories
 * that each define it (ObjectIndex.get returns only the first).
 */
export function objectsNamed(
  index: ObjectIndex,
  kind: string,
  namespace: string | undefined,
  name: string,
): readonly LoadedObject[] {
  const byKey = index.memo(`objects-named:${kind}`, (idx) => {
    const out = new Map<string, LoadedObject[]>();
    for (const loaded of idx.ofKind(kind)) {
      const key = objectKey(kind, loaded.ref.namespace, loaded.ref.name);
      const list = out.get(key);
      if (list) list.push(loaded);
      else out.set(key, [loaded]);
    }
    return out;
  });
  return byKey.get(objectKey(kind, namespace, name)) ?? [];
}

export { controlledInSet } from './disruption.ts';
