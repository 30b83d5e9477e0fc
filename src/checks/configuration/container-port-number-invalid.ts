// https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports
import { defineCheck } from '../../core/check.ts';
import { reviewedThroughOwner } from '../../k8s/replicas.ts';
import { containerName, containersOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

function outOfRange(value: unknown, allowZero: boolean): value is number {
  if (typeof value !== 'number') return false;
  if (allowZero && value === 0) return false;
  return !Number.isInteger(value) || value < 1 || value > 65535;
}

export const containerPortNumberInvalid = defineCheck({
  id: 'container-port-number-invalid',
  title: 'Container port number is outside 1-65535',
  severity: 'high',
  category: 'configuration',
  description:
    'containerPort must be an integer from 1 to 65535, and so must hostPort when set (0 means unset). The ' +
    'OpenAPI schema only says "int32", so schema validation passes, but the API server rejects the pod.',
  remediation: 'Use the port number the application listens on (1-65535).',
  docs: ['https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports'],
  appliesTo: WORKLOAD_KINDS,
  *check({ object }, { index }) {
    if (reviewedThroughOwner(index, object)) return;
    for (const { container, path } of containersOf(object, ['containers', 'initContainers'])) {
      if (!Array.isArray(container.ports)) continue;
      for (const [i, port] of (container.ports as unknown[]).entries()) {
        if (!port || typeof port !== 'object') continue;
        for (const field of ['containerPort', 'hostPort'] as const) {
          const value = (port as Record<string, unknown>)[field];
          if (outOfRange(value, field === 'hostPort'))
            yield {
              path: [...path, 'ports', i, field],
              message: `${field} ${value} in container "${containerName(container)}" must be between 1 and 65535`,
            };
        }
      }
    }
  },
});
