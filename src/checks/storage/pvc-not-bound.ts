// https://kubernetes.io/docs/concepts/storage/persistent-volumes/#lifecycle-of-a-volume-and-claim
import { defineCheck } from '../../core/check.ts';
import { diagnoseClaim } from '../../diagnose/claims.ts';
import { kubectl } from '../../diagnose/pod-context.ts';
import { eventsFor, formatEvent } from '../../k8s/events.ts';

export const pvcNotBound = defineCheck({
  id: 'pvc-not-bound',
  title: 'PersistentVolumeClaim is Pending or Lost',
  severity: 'high',
  category: 'configuration',
  description:
    'A Pending claim has no volume: its StorageClass does not exist, has no working provisioner, or no existing ' +
    "PersistentVolume matches (size, access mode, selector). Pods using it stay Pending. A Lost claim's volume was " +
    "deleted underneath it: its data is gone from Kubernetes' point of view.",
  remediation:
    "Name an existing StorageClass (kubectl get storageclass) or create a matching PV; check the provisioner's " +
    'pods and the ProvisioningFailed events. WaitForFirstConsumer classes stay Pending until a pod uses the claim: ' +
    'that is normal.',
  docs: ['https://kubernetes.io/docs/concepts/storage/persistent-volumes/'],
  appliesTo: ['PersistentVolumeClaim'],
  peers: { k8sgpt: ['PersistentVolumeClaim'], popeye: ['POP-1003'] },
  *check(pvc, { index, settings }) {
    const phase = (pvc.object.status as { phase?: string } | undefined)?.phase;
    if (phase !== 'Pending' && phase !== 'Lost') return;
    const ns = pvc.ref.namespace;
    const diagnosis = diagnoseClaim(index, pvc, settings);
    if (diagnosis.waitsOnPurpose) return;
    const events = eventsFor(index, pvc.ref).filter((e) => e.type === 'Warning');
    yield {
      path: ['status', 'phase'],
      message: `PersistentVolumeClaim "${pvc.ref.name}" is ${phase}: ${diagnosis.why}`,
      remedy: diagnosis.remedy,
      evidence: [
        ...diagnosis.evidence,
        ...events.slice(0, 3).map((e) => `event: ${formatEvent(e, settings.now)}`),
      ],
      cause: {
        key: `pvc/${ns}/${pvc.ref.name}`,
        summary: `PersistentVolumeClaim ${ns}/${pvc.ref.name} is ${phase}: ${diagnosis.why}.`,
        workload: `PersistentVolumeClaim ${ns}/${pvc.ref.name}`,
        nextSteps: [kubectl(ns, `describe pvc ${pvc.ref.name}`), 'kubectl get storageclass'],
      },
    };
  },
});
