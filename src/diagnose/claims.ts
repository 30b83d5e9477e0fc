// Why a PersistentVolumeClaim is not bound, and the fix for that reason: the class it names, whether that class
// exists, its binding mode and provisioner, what the provisioner said.
// https://kubernetes.io/docs/concepts/storage/persistent-volumes/#lifecycle-of-a-volume-and-claim
// https://kubernetes.io/docs/concepts/storage/storage-classes/
import type { RunSettings } from '../core/check.ts';
import { closestNames } from '../core/edit-distance.ts';
import type { ObjectIndex } from '../core/index.ts';
import type { LoadedObject } from '../core/object.ts';
import { type ClusterEvent, eventsFor } from '../k8s/events.ts';
import { controllerRef } from '../k8s/owners.ts';
import { kindRead } from './kinds.ts';

const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';

export interface ClaimDiagnosis {
  /** Short, for a sentence: 'StorageClass "fast-ssd" does not exist'. */
  why: string;
  remedy: string;
  /** Set when the claim is not waiting for a reason of its own (WaitForFirstConsumer and no pod yet). */
  waitsOnPurpose?: boolean;
  evidence: string[];
}

interface ClaimSpec {
  storageClassName?: string | null;
  volumeName?: string;
  resources?: { requests?: { storage?: string } };
  accessModes?: string[];
}

function classNames(index: ObjectIndex): string[] {
  return index.ofKind('StorageClass').map((c) => {
    const isDefault = c.object.metadata.annotations?.[DEFAULT_CLASS] === 'true';
    return `${c.ref.name}${isDefault ? ' (default)' : ''}`;
  });
}

/** "standard (default), fast" or the fact that there is none. */
function existingClasses(index: ObjectIndex): string {
  const names = classNames(index);
  return names.length > 0 ? `existing classes: ${names.join(', ')}` : 'the cluster has no StorageClass';
}

/** A StatefulSet's claim (<template>-<statefulset>-<ordinal>) is re-created from its volumeClaimTemplates. */
function statefulSetOf(index: ObjectIndex, pvc: LoadedObject): LoadedObject | undefined {
  const ns = pvc.ref.namespace;
  for (const sts of index.ofKind('StatefulSet')) {
    if (sts.ref.namespace !== ns) continue;
    const templates = (
      sts.object.spec as { volumeClaimTemplates?: { metadata?: { name?: string } }[] } | undefined
    )?.volumeClaimTemplates;
    if (!Array.isArray(templates)) continue;
    for (const t of templates) {
      const prefix = `${t?.metadata?.name}-${sts.ref.name}-`;
      if (pvc.ref.name.startsWith(prefix) && /^\d+$/.test(pvc.ref.name.slice(prefix.length))) return sts;
    }
  }
  return undefined;
}

function recreateAdvice(index: ObjectIndex, pvc: LoadedObject, className: string): string {
  const sts = statefulSetOf(index, pvc);
  if (sts)
    return (
      `fix the class in StatefulSet ${sts.ref.name}'s volumeClaimTemplates — they cannot be edited in place, so ` +
      `re-create the StatefulSet (kubectl delete statefulset ${sts.ref.name} --cascade=orphan, apply the fixed one) ` +
      `and delete claim ${pvc.ref.name} so it is re-created with the class`
    );
  const owner = controllerRef(pvc);
  return `re-create claim ${pvc.ref.name}${owner ? ` (through its ${owner.kind} ${owner.name})` : ''} naming an existing class instead of "${className}" (storageClassName cannot be changed on an existing claim)`;
}

function provisionerOf(storageClass: LoadedObject): string | undefined {
  const p = (storageClass.object as { provisioner?: unknown }).provisioner;
  return typeof p === 'string' && p ? p : undefined;
}

function latestWarning(events: readonly ClusterEvent[]): ClusterEvent | undefined {
  return events.find((e) => e.type === 'Warning');
}

/** The reason a Pending or Lost claim is not bound, with the fix that fits it. */
export function diagnoseClaim(index: ObjectIndex, pvc: LoadedObject, settings: RunSettings): ClaimDiagnosis {
  const spec = (pvc.object.spec ?? {}) as ClaimSpec;
  const phase = (pvc.object.status as { phase?: string } | undefined)?.phase;
  const events = eventsFor(index, pvc.ref);
  const evidence: string[] = [];
  if (phase === 'Lost') {
    const volume = spec.volumeName ? `PersistentVolume ${spec.volumeName}` : 'its PersistentVolume';
    return {
      why: `${volume} no longer exists (Lost)`,
      remedy:
        `The data of claim ${pvc.ref.name} is gone as far as Kubernetes knows: restore ${volume} from a backup ` +
        '(same name, claimRef to this claim), or delete the claim and let its owner re-create it empty.',
      evidence,
    };
  }
  const className = spec.storageClassName;
  const classesRead = kindRead(settings, 'StorageClass');
  if (typeof className === 'string' && className !== '') {
    const storageClass = index.get('StorageClass', undefined, className);
    // Without the classes (pasted describe text, RBAC), the PV controller's own event can tell it is missing.
    const reported = events.some(
      (e) =>
        e.type === 'Warning' && e.message.includes(`storageclass.storage.k8s.io "${className}" not found`),
    );
    if (!storageClass && (classesRead || reported)) {
      const near = closestNames(
        className,
        index.ofKind('StorageClass').map((c) => c.ref.name),
        1,
      );
      return {
        why: `StorageClass "${className}" does not exist`,
        remedy:
          `${near[0] ? `Did you mean StorageClass "${near[0]}"? ` : ''}Create StorageClass "${className}" for the ` +
          `provisioner it should use, or ${recreateAdvice(index, pvc, className)}; ${classesRead ? existingClasses(index) : 'kubectl get storageclass lists the classes that exist'}.`,
        evidence: [`storageClassName: ${className}`, ...(classesRead ? [existingClasses(index)] : [])],
      };
    }
    if (storageClass) {
      const mode = (storageClass.object as { volumeBindingMode?: string }).volumeBindingMode ?? 'Immediate';
      const provisioner = provisionerOf(storageClass);
      evidence.push(
        `StorageClass ${className}: provisioner ${provisioner ?? '(none)'}, volumeBindingMode ${mode}`,
      );
      const warning = latestWarning(events);
      if (mode === 'WaitForFirstConsumer' && !warning)
        return {
          why: 'it waits for a pod to use it (WaitForFirstConsumer)',
          remedy:
            'Nothing to fix: the volume is provisioned when the first pod using the claim is scheduled.',
          waitsOnPurpose: true,
          evidence,
        };
      if (provisioner === 'kubernetes.io/no-provisioner')
        return {
          why: `StorageClass "${className}" has no provisioner and no matching PersistentVolume is Available`,
          remedy:
            `Create a PersistentVolume with storageClassName "${className}" that fits the claim ` +
            `(${spec.resources?.requests?.storage ?? 'its size'}, ${(spec.accessModes ?? []).join(', ') || 'its access mode'}): ` +
            'the class is for pre-provisioned volumes only.',
          evidence,
        };
      if (warning)
        return {
          why: `provisioner ${provisioner ?? '?'} failed: ${warning.message.slice(0, 200)}`,
          remedy:
            `Fix what provisioner ${provisioner ?? '?'} reports (${warning.reason}): ${warning.message.slice(0, 200)}; ` +
            'then the claim binds on its own.',
          evidence,
        };
      return {
        why: `provisioner ${provisioner ?? '?'} has not created a volume`,
        remedy:
          `Check that the provisioner ${provisioner ?? '?'} is installed and running (its controller pods and logs); ` +
          `StorageClass ${className} binds immediately, so the claim should have a volume already.`,
        evidence,
      };
    }
  }
  if (className === '')
    return {
      why: 'it asks for a pre-provisioned volume (storageClassName "") and none that fits is Available',
      remedy:
        'Create a PersistentVolume without a class that fits the claim ' +
        `(${spec.resources?.requests?.storage ?? 'its size'}, ${(spec.accessModes ?? []).join(', ') || 'its access mode'}), ` +
        `or re-create the claim naming a StorageClass; ${existingClasses(index)}.`,
      evidence,
    };
  const warning = latestWarning(events);
  if (className === undefined || className === null) {
    const defaults = index
      .ofKind('StorageClass')
      .filter((c) => c.object.metadata.annotations?.[DEFAULT_CLASS] === 'true');
    if (classesRead && defaults.length === 0)
      return {
        why: 'it names no StorageClass and the cluster had no default class when it was created',
        remedy:
          `Re-create the claim with storageClassName set, or mark a class as default (annotation ${DEFAULT_CLASS}: "true") ` +
          `before re-creating it; ${existingClasses(index)}.`,
        evidence,
      };
  }
  return {
    why: warning
      ? `${warning.reason}: ${warning.message.slice(0, 200)}`
      : 'no volume has been provisioned or bound',
    remedy:
      "Name an existing StorageClass (kubectl get storageclass) or create a matching PV; check the provisioner's " +
      'pods and the ProvisioningFailed events.',
    evidence,
  };
}
