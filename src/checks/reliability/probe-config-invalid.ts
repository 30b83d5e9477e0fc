// https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Probe
import { defineCheck } from '../../core/check.ts';
import { PROBE_KINDS } from '../../k8s/probes.ts';
import { reviewedThroughOwner } from '../../k8s/replicas.ts';
import { containerName, containersOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const COUNTERS = [
  'initialDelaySeconds',
  'timeoutSeconds',
  'periodSeconds',
  'successThreshold',
  'failureThreshold',
];

export const probeConfigInvalid = defineCheck({
  id: 'probe-config-invalid',
  title: 'Probe is configured in a way the API server rejects',
  severity: 'high',
  category: 'reliability',
  description:
    'The API server rejects a pod whose probe has no handler or more than one (exec, httpGet, tcpSocket, grpc), ' +
    'a negative delay, timeout, period or threshold, or a liveness or startup probe with successThreshold other ' +
    'than 1 (only readiness may require several successes). The OpenAPI schema accepts all of these, so they ' +
    'surface only at apply time, or as a ReplicaSet that cannot create pods.',
  remediation:
    'Give each probe exactly one handler, non-negative timings, and successThreshold: 1 on liveness and startup ' +
    'probes (0 means the default).',
  docs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#configure-probes',
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Probe',
  ],
  appliesTo: WORKLOAD_KINDS,
  *check({ object }, { index }) {
    if (reviewedThroughOwner(index, object)) return;
    for (const { container, path } of containersOf(object, ['containers', 'initContainers'])) {
      for (const kind of PROBE_KINDS) {
        const probe = container[kind];
        if (!probe || typeof probe !== 'object' || Array.isArray(probe)) continue;
        const spec = probe as Record<string, unknown>;
        const where = `container "${containerName(container)}" ${kind}`;
        const handlers = HANDLERS.filter((h) => spec[h] !== undefined && spec[h] !== null);
        if (handlers.length === 0)
          yield {
            path: [...path, kind],
            message: `${where} has no handler (exec, httpGet, tcpSocket or grpc)`,
          };
        else if (handlers.length > 1)
          yield {
            path: [...path, kind],
            message: `${where} has more than one handler: ${handlers.join(', ')}`,
          };
        for (const field of COUNTERS) {
          const value = spec[field];
          if (typeof value === 'number' && value < 0)
            yield { path: [...path, kind, field], message: `${where} ${field} is negative (${value})` };
        }
        const success = spec.successThreshold;
        if (kind !== 'readinessProbe' && typeof success === 'number' && success > 1)
          yield {
            path: [...path, kind, 'successThreshold'],
            message: `${where} successThreshold is ${success}; it must be 1 for liveness and startup probes`,
          };
      }
    }
  },
});
