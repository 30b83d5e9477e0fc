// Warning events that no finding explains, found after every other analyzer ran: a second pass of the
// warning-events-unexplained analyzer over the objects the first pass did not account for.
import type { RunSettings } from '../core/check.ts';
import { runChecks, type SelectedCheck } from '../core/engine.ts';
import type { Finding } from '../core/finding.ts';
import type { ObjectIndex } from '../core/index.ts';
import type { LoadedObject } from '../core/object.ts';
import { controllerRef } from '../k8s/owners.ts';

export const UNEXPLAINED_EVENTS_CHECK = 'warning-events-unexplained';

const explainedByIndex = new WeakMap<ObjectIndex, Set<string>>();

export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/** The object and its controllers up the chain (Pod → ReplicaSet → Deployment). */
export function lineage(
  index: ObjectIndex,
  kind: string,
  namespace: string | undefined,
  name: string,
): string[] {
  const keys = [objectKey(kind, namespace, name)];
  let node: LoadedObject | undefined = index.get(kind, namespace, name);
  for (let depth = 0; node && depth < 5; depth++) {
    const owner = controllerRef(node);
    if (!owner) break;
    keys.push(objectKey(owner.kind, namespace, owner.name));
    node = index.get(owner.kind, namespace, owner.name);
  }
  return keys;
}

/**
 * Objects the findings account for: each finding's object and its controllers, so an event on a ReplicaSet is
 * explained by a finding on its pods or its Deployment. Undefined until seeded (the first pass sees nothing).
 */
export function explainedObjects(index: ObjectIndex): ReadonlySet<string> | undefined {
  return explainedByIndex.get(index);
}

export function seedExplained(index: ObjectIndex, findings: readonly Finding[]): void {
  const keys = new Set<string>();
  for (const f of findings) {
    if (f.suppressed || f.check === UNEXPLAINED_EVENTS_CHECK) continue;
    for (const key of lineage(index, f.object.kind, f.object.namespace, f.object.name)) keys.add(key);
  }
  explainedByIndex.set(index, keys);
}

/** Runs the unexplained-events analyzer (when selected) after the others; returns its findings. */
export function unexplainedEvents(
  index: ObjectIndex,
  selected: readonly SelectedCheck[],
  settings: RunSettings,
  findings: readonly Finding[],
): Finding[] {
  const own = selected.filter((s) => s.check.id === UNEXPLAINED_EVENTS_CHECK);
  if (own.length === 0) return [];
  seedExplained(index, findings);
  return runChecks(index, own, settings).findings;
}
