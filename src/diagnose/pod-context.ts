// Shared facts about a failing pod for the pod analyzers: its workload, its events, kubectl next steps.
import type { ObjectIndex } from '../core/index.ts';
import type { LoadedObject } from '../core/object.ts';
import { describeRef } from '../core/object.ts';
import { eventsFor, formatEvent } from '../k8s/events.ts';
import { topOwner } from '../k8s/owners.ts';

export function workloadOf(index: ObjectIndex, pod: LoadedObject): string {
  const owner = topOwner(index, pod);
  return owner.kind === 'Pod' ? describeRef(pod.ref) : describeRef(owner);
}

/** Warning events of the pod, formatted with counts and ages, newest first. */
export function warningEvidence(
  index: ObjectIndex,
  pod: LoadedObject,
  now: Date,
  reasons?: readonly string[],
): string[] {
  return eventsFor(index, pod.ref)
    .filter((e) => e.type === 'Warning' && (!reasons || reasons.includes(e.reason)))
    .slice(0, 3)
    .map((e) => `event: ${formatEvent(e, now)}`);
}

export function kubectl(namespace: string | undefined, args: string): string {
  return `kubectl${namespace ? ` -n ${namespace}` : ''} ${args}`;
}

/** "Deployment shop/checkout" → "deployment/checkout" for kubectl. */
export function kubectlName(workload: string): string {
  const [kind, rest] = workload.split(' ');
  const name = rest?.includes('/') ? rest.slice(rest.indexOf('/') + 1) : rest;
  return `${kind?.toLowerCase()}/${name}`;
}
