// https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
import { defineCheck } from '../../core/check.ts';
import { kindRead } from '../../diagnose/kinds.ts';
import { kubectl } from '../../diagnose/pod-context.ts';
import { similarNames } from '../../diagnose/suggestions.ts';
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
    const near = similarNames(index, target.kind, ns, target.name);
    // The name may exist under another scalable kind (a StatefulSet where a Deployment was named).
    const otherKind = [...BUILTIN_SCALABLE].find((k) => k !== target.kind && index.get(k, ns, target.name));
    const hint = near[0]
      ? ` (did you mean ${target.kind} ${near[0]}?)`
      : otherKind
        ? ` (a ${otherKind} of that name exists)`
        : '';
    yield {
      path: ['spec', 'scaleTargetRef'],
      message: `HorizontalPodAutoscaler "${hpa.ref.name}" targets ${target.kind} "${target.name}", which does not exist`,
      remedy: near[0]
        ? `Did you mean ${target.kind} ${near[0]}? Set spec.scaleTargetRef.name to "${near[0]}", or delete the HPA if ${target.kind} ${target.name} is gone for good.`
        : otherKind
          ? `${otherKind} ${target.name} exists: set spec.scaleTargetRef.kind to ${otherKind} (apiVersion apps/v1), or delete the HPA.`
          : `No ${target.kind} named ${target.name} exists in namespace ${ns ?? ''}: point spec.scaleTargetRef at the workload it should scale, or delete the stale HPA.`,
      cause: {
        key: `hpa-target/${ns ?? ''}/${hpa.ref.name}`,
        summary: `HorizontalPodAutoscaler ${ns}/${hpa.ref.name} scales nothing: ${target.kind} ${target.name} does not exist${hint}.`,
        workload: `HorizontalPodAutoscaler ${ns ? `${ns}/` : ''}${hpa.ref.name}`,
        nextSteps: [
          kubectl(ns, `describe hpa ${hpa.ref.name}`),
          kubectl(ns, `get ${target.kind.toLowerCase()}`),
        ],
      },
    };
  },
});
