// https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
import { defineCheck } from '../../core/check.ts';
import { kindRead } from '../../diagnose/kinds.ts';
import { kubectl } from '../../diagnose/pod-context.ts';
import { scaleTargetOf } from '../../k8s/disruption.ts';

const BUILTIN_SCALABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

export const hpaTargetNotFound = defineCheck({
  id: 'hpa-target-not-found',
  title: 'HorizontalPodAutoscaler scales a workload that does not exist',
  severity: 'high',
  category: 'reliability',
  description:
    'The HPA controller reads the scale subresource of spec.scaleTargetRef. When that workload does not exist ' +
    '(renamed, deleted, wrong kind or apiVersion) the HPA reports ScalingActive=False (FailedGetScale) and ' +
    'nothing is autoscaled: the workload it was meant for runs at whatever replica count it has.',
  remediation:
    'Point scaleTargetRef at the existing workload (kind, name and apiVersion), or delete the stale HPA.',
  docs: ['https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/'],
  appliesTo: ['HorizontalPodAutoscaler'],
  peers: { k8sgpt: ['HorizontalPodAutoScaler'] },
  *check(hpa, { index, settings }) {
    const target = scaleTargetOf(hpa.object);
    if (!target) return;
    // Custom scalable kinds are judged only when that kind was read.
    if (!kindRead(settings, target.kind)) return;
    if (!settings.kindsRead && !BUILTIN_SCALABLE.has(target.kind) && !index.hasKind(target.kind)) return;
    if (index.get(target.kind, hpa.ref.namespace, target.name)) return;
    const ns = hpa.ref.namespace;
    yield {
      path: ['spec', 'scaleTargetRef'],
      message: `HorizontalPodAutoscaler "${hpa.ref.name}" targets ${target.kind} "${target.name}", which does not exist`,
      cause: {
        key: `hpa-target/${ns ?? ''}/${hpa.ref.name}`,
        summary: `HorizontalPodAutoscaler ${ns}/${hpa.ref.name} scales nothing: ${target.kind} ${target.name} does not exist`,
        workload: `HorizontalPodAutoscaler ${ns ? `${ns}/` : ''}${hpa.ref.name}`,
        nextSteps: [
          kubectl(ns, `describe hpa ${hpa.ref.name}`),
          kubectl(ns, `get ${target.kind.toLowerCase()}`),
        ],
      },
    };
  },
});
