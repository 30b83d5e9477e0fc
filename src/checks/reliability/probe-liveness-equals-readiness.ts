// https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/
import { isDeepStrictEqual } from 'node:util';
import { defineCheck } from '../../core/check.ts';
import { reviewedThroughOwner } from '../../k8s/replicas.ts';
import { containerName, longRunningContainersOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const probeLivenessEqualsReadiness = defineCheck({
  id: 'probe-liveness-equals-readiness',
  title: 'Liveness probe is identical to the readiness probe',
  severity: 'low',
  category: 'reliability',
  description:
    'Readiness answers "can this pod take traffic now?", liveness "is this process beyond repair?". When both ' +
    'are the same probe with the same thresholds, a pod that is only temporarily unable to serve (overloaded, a ' +
    'dependency down) is restarted at the moment it is taken out of rotation, which turns a brownout into a ' +
    'restart storm across all replicas.',
  remediation:
    'Make the liveness probe cheaper and more tolerant than readiness: a separate endpoint that does not check ' +
    'dependencies, or a higher failureThreshold/periodSeconds.',
  docs: ['https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/'],
  appliesTo: WORKLOAD_KINDS,
  *check({ object }, { index }) {
    if (reviewedThroughOwner(index, object)) return;
    for (const { container, path } of longRunningContainersOf(object)) {
      const { livenessProbe, readinessProbe } = container;
      if (!livenessProbe || typeof livenessProbe !== 'object' || !readinessProbe) continue;
      if (!isDeepStrictEqual(livenessProbe, readinessProbe)) continue;
      yield {
        path: [...path, 'livenessProbe'],
        message: `container "${containerName(container)}" uses the same probe for liveness and readiness`,
      };
    }
  },
});
