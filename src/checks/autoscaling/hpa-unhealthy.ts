// https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#appendix-horizontal-pod-autoscaler-status-conditions
import { defineCheck } from '../../core/check.ts';
import { kubectl } from '../../diagnose/pod-context.ts';
import { conditionText } from '../../k8s/condition-text.ts';

interface HpaStatus {
  currentReplicas?: number;
  desiredReplicas?: number;
  conditions?: { type?: string; status?: string; reason?: string; message?: string }[];
}

export const hpaUnhealthy = defineCheck({
  id: 'hpa-unhealthy',
  title: 'HorizontalPodAutoscaler cannot scale or is pinned at its maximum',
  severity: 'medium',
  category: 'reliability',
  description:
    'AbleToScale=False means the HPA cannot read or change its target (missing target, RBAC); ScalingActive=False ' +
    'means it cannot compute a replica count (metrics unavailable: metrics-server down, no requests set for a ' +
    'utilization target). ScalingLimited=True with TooManyReplicas means it wants more pods than maxReplicas allows. ' +
    'ScalingLimited at the minimum (TooFewReplicas) is normal and not reported.',
  remediation:
    'Fix the scale target reference; make metrics available (metrics-server, custom metrics adapter) and set ' +
    'container requests for utilization targets; raise maxReplicas or add capacity when pinned at the maximum.',
  docs: ['https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/'],
  appliesTo: ['HorizontalPodAutoscaler'],
  peers: { k8sgpt: ['HorizontalPodAutoScaler'], popeye: ['POP-600'] },
  *check(hpa) {
    const status = (hpa.object.status ?? {}) as HpaStatus;
    const conditions = Array.isArray(status.conditions) ? status.conditions : [];
    const ns = hpa.ref.namespace;
    for (const [i, c] of conditions.entries()) {
      if (!c?.type) continue;
      // ScalingActive=False/ScalingDisabled is the HPA standing down because its target was scaled to zero on purpose.
      const broken =
        (c.type === 'AbleToScale' || c.type === 'ScalingActive') &&
        c.status === 'False' &&
        c.reason !== 'ScalingDisabled';
      const pinned = c.type === 'ScalingLimited' && c.status === 'True' && c.reason === 'TooManyReplicas';
      if (!broken && !pinned) continue;
      const what = pinned
        ? 'is pinned at maxReplicas'
        : c.type === 'AbleToScale'
          ? 'cannot scale its target'
          : 'cannot compute a replica count';
      yield {
        path: ['status', 'conditions', i],
        message: `HorizontalPodAutoscaler "${hpa.ref.name}" ${what} (${c.reason ?? c.type})${c.message ? `: ${c.message}` : ''}`,
        severity: pinned ? 'low' : 'medium',
        evidence: [
          conditionText(c.type, c.status, c.reason, c.message),
          `replicas: current ${status.currentReplicas ?? '?'}, desired ${status.desiredReplicas ?? '?'}`,
        ],
        cause: {
          key: `hpa/${ns}/${hpa.ref.name}/${c.type}`,
          // When the target is missing, hpa-target-not-found is the root and this condition its consequence.
          ...(c.reason === 'FailedGetScale'
            ? {
                upstream: [
                  {
                    kind: 'HorizontalPodAutoscaler',
                    ...(ns ? { namespace: ns } : {}),
                    name: hpa.ref.name,
                    checks: ['hpa-target-not-found'],
                  },
                ],
              }
            : {}),
          summary: `HorizontalPodAutoscaler ${ns}/${hpa.ref.name} ${what}`,
          workload: `HorizontalPodAutoscaler ${ns}/${hpa.ref.name}`,
          nextSteps: [
            kubectl(ns, `describe hpa ${hpa.ref.name}`),
            'kubectl get apiservices v1beta1.metrics.k8s.io',
          ],
        },
      };
    }
  },
});
