// https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
import { defineCheck } from '../../core/check.ts';

export const hpaMinReplicasLow = defineCheck<{ minReplicas: number }>({
  id: 'hpa-min-replicas-low',
  title: 'HorizontalPodAutoscaler may scale down to too few replicas',
  severity: 'medium',
  category: 'reliability',
  description:
    'An HPA scales its target down to minReplicas when load is low, and minReplicas defaults to 1 when unset. ' +
    'At one replica every eviction, node drain or crash is an outage. The threshold is the minReplicas ' +
    'parameter (default 2; kube-linter’s hpa-minimum-three-replicas uses 3). minReplicas: 0 (scale to zero, ' +
    'behind the HPAScaleToZero feature gate) is deliberate and not reported.',
  remediation: 'Set spec.minReplicas to at least 2 (3 for workloads that must survive a zone outage).',
  docs: [
    'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/',
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/',
  ],
  appliesTo: ['HorizontalPodAutoscaler'],
  params: { minReplicas: 2 },
  peers: { polaris: ['hpaMinAvailability'], 'kube-linter': ['hpa-minimum-three-replicas'] },
  peerParams: { 'kube-linter': { 'hpa-minimum-three-replicas': { minReplicas: 3 } } },
  *check({ object, ref }, { params }) {
    const spec = object.spec;
    if (!spec || typeof spec !== 'object') return;
    const declared = (spec as Record<string, unknown>).minReplicas;
    if (declared !== undefined && declared !== null && typeof declared !== 'number') return;
    const min = typeof declared === 'number' ? declared : 1;
    if (min === 0 || min >= params.minReplicas) return;
    yield {
      path: typeof declared === 'number' ? ['spec', 'minReplicas'] : ['spec'],
      message: `HorizontalPodAutoscaler "${ref.name}" may scale down to ${min} ${min === 1 ? 'replica' : 'replicas'}${
        typeof declared === 'number' ? '' : ' (minReplicas unset)'
      }; the minimum is ${params.minReplicas}`,
    };
  },
});
