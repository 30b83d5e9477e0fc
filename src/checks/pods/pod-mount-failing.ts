// https://kubernetes.io/docs/concepts/storage/volumes/
import { defineCheck } from '../../core/check.ts';
import { kubectl, workloadOf } from '../../diagnose/pod-context.ts';
import { missingConfigRemedy } from '../../diagnose/suggestions.ts';
import { eventsFor, formatEvent } from '../../k8s/events.ts';
import { isFinished, isTerminating, podStatus } from '../../k8s/pod-status.ts';

const MOUNT_REASONS = new Set(['FailedMount', 'FailedAttachVolume', 'FailedMapVolume']);

export const podMountFailing = defineCheck({
  id: 'pod-mount-failing',
  title: 'Volume cannot be attached or mounted (pod stuck in ContainerCreating)',
  severity: 'high',
  category: 'configuration',
  description:
    'The kubelet cannot set up a volume, so no container starts: a Secret/ConfigMap volume source is missing, a ' +
    'PersistentVolume is still attached to another node (multi-attach), the CSI driver is not running on the node, ' +
    'or the mount times out.',
  remediation:
    'Read the FailedMount/FailedAttachVolume message: create the missing Secret/ConfigMap, wait for or force the ' +
    'detach from the old node, or fix the CSI driver pods on that node.',
  docs: ['https://kubernetes.io/docs/concepts/storage/volumes/'],
  appliesTo: ['Pod'],
  peers: { k8sgpt: ['Pod'] },
  *check(pod, { index, settings }) {
    if (isTerminating(pod.object) || isFinished(pod.object)) return;
    if (podStatus(pod.object).phase !== 'Pending') return;
    const failures = eventsFor(index, pod.ref).filter((e) => MOUNT_REASONS.has(e.reason));
    if (failures.length === 0) return;
    const first = failures[0]!;
    const missing = /(secret|configmap) "([^"]+)" not found/i.exec(first.message);
    const workload = workloadOf(index, pod);
    const ns = pod.ref.namespace;
    yield {
      path: ['spec', 'volumes'],
      message: `volume setup failing (${first.reason}): ${first.message.slice(0, 240)}`,
      evidence: failures.slice(0, 3).map((e) => `event: ${formatEvent(e, settings.now)}`),
      ...(missing
        ? {
            remedy: missingConfigRemedy(
              index,
              ns,
              { kind: missing[1]!.toLowerCase() === 'secret' ? 'Secret' : 'ConfigMap', name: missing[2]! },
              settings,
            ),
          }
        : {}),
      cause: missing
        ? {
            key: `config-missing/${missing[1]!.toLowerCase() === 'secret' ? 'Secret' : 'ConfigMap'}/${ns ?? ''}/${missing[2]}/`,
            summary: `${missing[1]!.toLowerCase() === 'secret' ? 'Secret' : 'ConfigMap'} ${ns ? `${ns}/` : ''}${missing[2]} is missing; pods that reference it cannot start`,
            workload,
            pods: 1,
            nextSteps: [
              kubectl(ns, `get ${missing[1]!.toLowerCase()} ${missing[2]}`),
              kubectl(ns, `describe pod ${pod.ref.name}`),
            ],
          }
        : {
            key: `mount-failing/${workload}/${first.reason}`,
            summary: `${workload}: volumes cannot be ${first.reason === 'FailedAttachVolume' ? 'attached' : 'mounted'}`,
            workload,
            pods: 1,
            nextSteps: [kubectl(ns, `describe pod ${pod.ref.name}`), 'kubectl get volumeattachments'],
          },
    };
  },
});
