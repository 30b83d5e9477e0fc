// https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#how-does-a-horizontalpodautoscaler-work
import { defineCheck } from '../../core/check.ts';
import type { Path } from '../../core/path.ts';
import { limitRangeDefaults } from '../../k8s/limit-ranges.ts';
import { declaredResource, parseQuantity } from '../../k8s/quantity.ts';
import { containerName, containersOf } from '../../k8s/workloads.ts';

interface UtilizationMetric {
  resource: string;
  /** Only this container's request matters (ContainerResource metrics). */
  container?: string;
  path: Path;
}

/** Resource metrics with a Utilization target, in autoscaling/v2 and v1 form. */
function utilizationMetrics(spec: Record<string, unknown>): UtilizationMetric[] {
  const out: UtilizationMetric[] = [];
  if (typeof spec.targetCPUUtilizationPercentage === 'number')
    out.push({ resource: 'cpu', path: ['spec', 'targetCPUUtilizationPercentage'] });
  const metrics = Array.isArray(spec.metrics) ? spec.metrics : [];
  metrics.forEach((metric: unknown, i) => {
    if (!metric || typeof metric !== 'object') return;
    const m = metric as Record<string, unknown>;
    const source = (
      m.type === 'Resource' ? m.resource : m.type === 'ContainerResource' ? m.containerResource : undefined
    ) as
      | {
          name?: unknown;
          container?: unknown;
          target?: { type?: unknown };
          targetAverageUtilization?: unknown;
        }
      | undefined;
    if (!source || typeof source.name !== 'string') return;
    const utilization =
      source.target?.type === 'Utilization' || typeof source.targetAverageUtilization === 'number';
    if (!utilization) return;
    out.push({
      resource: source.name,
      ...(typeof source.container === 'string' ? { container: source.container } : {}),
      path: ['spec', 'metrics', i],
    });
  });
  return out;
}

export const hpaUtilizationRequestMissing = defineCheck({
  id: 'hpa-utilization-request-missing',
  title: 'HPA scales on utilization of a resource its target’s containers do not request',
  severity: 'high',
  category: 'reliability',
  description:
    'Utilization is usage divided by the request. When a container of the target pods has no request for the ' +
    'resource an HPA scales on (CPU or memory utilization), the HPA cannot compute it: it reports "missing ' +
    'request for cpu" and never scales. A limit defaults the request, and so does a LimitRange of the namespace ' +
    'in the input. Checked when the target workload is in the input.',
  remediation:
    'Set resources.requests for that resource on every container of the target pod template (or scale on ' +
    'AverageValue, or on a ContainerResource metric of the containers that have requests).',
  docs: [
    'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#how-does-a-horizontalpodautoscaler-work',
    'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#container-resource-metrics',
  ],
  appliesTo: ['HorizontalPodAutoscaler'],
  *check(hpa, { index }) {
    const { object, ref } = hpa;
    const spec = object.spec as Record<string, unknown> | undefined;
    if (!spec || typeof spec !== 'object') return;
    const target = spec.scaleTargetRef as { kind?: unknown; name?: unknown } | undefined;
    if (!target || typeof target.kind !== 'string' || typeof target.name !== 'string') return;
    const workload = index.get(target.kind, ref.namespace, target.name, hpa);
    if (!workload) return;
    const containers = containersOf(workload.object, ['containers']);
    for (const metric of utilizationMetrics(spec)) {
      for (const { container } of containers) {
        if (metric.container !== undefined && container.name !== metric.container) continue;
        const request = parseQuantity(declaredResource(container, 'requests', metric.resource));
        const limit = parseQuantity(declaredResource(container, 'limits', metric.resource));
        if ((request ?? limit ?? 0) > 0) continue;
        if (limitRangeDefaults(index, ref.namespace, 'requests', metric.resource)) continue;
        yield {
          path: metric.path,
          message: `HorizontalPodAutoscaler "${ref.name}" scales on ${metric.resource} utilization, but container "${containerName(container)}" of ${target.kind} "${target.name}" has no ${metric.resource} request`,
        };
      }
    }
  },
});
