// https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
import { defineCheck } from '../../core/check.ts';

export const hpaCannotScale = defineCheck({
  id: 'hpa-cannot-scale',
  title: 'HorizontalPodAutoscaler cannot scale (maxReplicas ≤ minReplicas)',
  severity: 'medium',
  category: 'reliability',
  description:
    'With maxReplicas equal to minReplicas (which defaults to 1) the autoscaler never changes the replica ' +
    'count: it only adds the illusion of autoscaling, and the workload cannot absorb load spikes. maxReplicas ' +
    'below minReplicas is rejected by the API server.',
  remediation: 'Raise spec.maxReplicas above spec.minReplicas, or drop the HPA and set spec.replicas.',
  docs: [
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/',
  ],
  appliesTo: ['HorizontalPodAutoscaler'],
  peers: { polaris: ['hpaMaxAvailability'] },
  example: {
    bad: `
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 3
  maxReplicas: 3
`,
    good: `
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 3
  maxReplicas: 10
`,
  },
  *check({ object, ref }) {
    const spec = object.spec as Record<string, unknown> | undefined;
    if (!spec || typeof spec !== 'object' || typeof spec.maxReplicas !== 'number') return;
    if (spec.minReplicas !== undefined && typeof spec.minReplicas !== 'number') return;
    const min = typeof spec.minReplicas === 'number' ? spec.minReplicas : 1;
    const max = spec.maxReplicas;
    if (max > min) return;
    yield {
      path: ['spec', 'maxReplicas'],
      ...(max < min ? { severity: 'high' as const } : {}),
      message:
        max < min
          ? `HorizontalPodAutoscaler "${ref.name}" has maxReplicas ${max} below minReplicas ${min} (rejected by the API server)`
          : `HorizontalPodAutoscaler "${ref.name}" has maxReplicas equal to minReplicas (${max}), so it never scales`,
    };
  },
});
