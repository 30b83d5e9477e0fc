// https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#how-does-a-horizontalpodautoscaler-work
import { defineCheck } from '../../core/check.ts';
import { scaleTargetOf } from '../../k8s/disruption.ts';

export const hpaTargetMissing = defineCheck({
  id: 'hpa-target-missing',
  title: 'HorizontalPodAutoscaler targets a workload that does not exist',
  severity: 'high',
  category: 'reliability',
  description:
    "An HPA scales the object its scaleTargetRef names (kind and name, in the HPA's namespace). When that " +
    'object is missing, the HPA reports FailedGetScale and nothing is autoscaled: the workload it was meant ' +
    'for runs at a fixed size.',
  remediation: 'Fix spec.scaleTargetRef (apiVersion, kind, name) to name the workload in the same namespace.',
  docs: ['https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/'],
  appliesTo: ['HorizontalPodAutoscaler'],
  peers: { 'kube-linter': ['dangling-horizontalpodautoscaler'] },
  *check({ object, ref }, { index }) {
    const target = scaleTargetOf(object);
    if (!target) return;
    if (index.get(target.kind, ref.namespace, target.name)) return;
    yield {
      path: ['spec', 'scaleTargetRef'],
      message: `scaleTargetRef ${target.kind} "${target.name}" is not in ${index.partial ? 'the input' : 'the cluster'}`,
      ...(index.partial ? { severity: 'info' as const } : {}),
    };
  },
});
