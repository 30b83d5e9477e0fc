// Who owns what: Pod → ReplicaSet → Deployment, Pod → Job → CronJob, through controller ownerReferences.
import type { ObjectIndex } from '../core/index.ts';
import type { LoadedObject, ObjectRef } from '../core/object.ts';

export function controllerRef(loaded: LoadedObject): { kind: string; name: string } | undefined {
  const refs = loaded.object.metadata.ownerReferences;
  if (!Array.isArray(refs)) return undefined;
  const ref = refs.find((r) => r?.controller) ?? refs[0];
  return ref?.kind && ref.name ? { kind: ref.kind, name: ref.name } : undefined;
}

/** The top-most controller in the set (a Deployment for a ReplicaSet's pod), or a ref when the owner is absent. */
export function topOwner(index: ObjectIndex, loaded: LoadedObject): ObjectRef {
  let current: ObjectRef = loaded.ref;
  let node: LoadedObject | undefined = loaded;
  for (let depth = 0; node && depth < 5; depth++) {
    const owner = controllerRef(node);
    if (!owner) break;
    const found = index.get(owner.kind, loaded.ref.namespace, owner.name);
    current = found?.ref ?? {
      apiVersion: '',
      kind: owner.kind,
      name: owner.name,
      ...(loaded.ref.namespace ? { namespace: loaded.ref.namespace } : {}),
    };
    node = found;
  }
  return current;
}

/** Pods by their direct controller ("ReplicaSet/ns/name"), built once per run. */
export function podsByController(index: ObjectIndex): Map<string, LoadedObject[]> {
  return index.memo('pods-by-controller', (idx) => {
    const map = new Map<string, LoadedObject[]>();
    for (const pod of idx.ofKind('Pod')) {
      const owner = controllerRef(pod);
      if (!owner) continue;
      const key = `${owner.kind}/${pod.ref.namespace ?? ''}/${owner.name}`;
      const list = map.get(key);
      if (list) list.push(pod);
      else map.set(key, [pod]);
    }
    return map;
  });
}
