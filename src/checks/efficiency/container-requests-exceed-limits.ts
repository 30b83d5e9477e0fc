// https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#requests-and-limits
import { defineCheck } from '../../core/check.ts';
import { isOvercommittable, parseQuantity } from '../../k8s/quantity.ts';
import { reviewedThroughOwner } from '../../k8s/replicas.ts';
import { containersOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

function mapAt(container: unknown, section: 'requests' | 'limits'): Record<string, unknown> {
  const resources = (container as { resources?: unknown }).resources;
  if (!resources || typeof resources !== 'object') return {};
  const map = (resources as Record<string, unknown>)[section];
  return map && typeof map === 'object' && !Array.isArray(map) ? (map as Record<string, unknown>) : {};
}

export const containerRequestsExceedLimits = defineCheck({
  id: 'container-requests-exceed-limits',
  title: 'Container request is above its limit (rejected by the API server)',
  severity: 'high',
  category: 'efficiency',
  description:
    'A request may not exceed the limit of the same resource: the API server rejects the pod (for a ' +
    'Deployment, the ReplicaSet then fails to create pods and the rollout stalls). Hugepages and extended ' +
    'resources (e.g. nvidia.com/gpu) cannot be overcommitted at all: their request must equal their limit, and ' +
    'an extended resource requested without a limit is rejected too.',
  remediation:
    'Lower the request or raise the limit so that request ≤ limit (request = limit for hugepages and extended ' +
    'resources). Watch the units: 1G is 10^9 bytes, 1Gi is 2^30; 500m CPU is half a core.',
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#requests-and-limits',
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#extended-resources',
    'https://kubernetes.io/docs/tasks/manage-hugepages/scheduling-hugepages/',
  ],
  appliesTo: WORKLOAD_KINDS,
  example: {
    bad: `
apiVersion: v1
kind: Pod
metadata: {name: api}
spec:
  containers:
    - name: api
      image: api:2.1.0
      resources:
        requests: {memory: 1Gi}
        limits: {memory: 1G} # 10^9 bytes < 2^30 bytes
`,
    good: `
apiVersion: v1
kind: Pod
metadata: {name: api}
spec:
  containers:
    - name: api
      image: api:2.1.0
      resources:
        requests: {memory: 1Gi}
        limits: {memory: 1Gi}
`,
  },
  *check({ object }, { index }) {
    if (reviewedThroughOwner(index, object)) return;
    for (const { container, path } of containersOf(object, ['containers', 'initContainers'])) {
      const name = typeof container.name === 'string' ? container.name : '?';
      const requests = mapAt(container, 'requests');
      const limits = mapAt(container, 'limits');
      for (const [resource, rawRequest] of Object.entries(requests)) {
        const request = parseQuantity(rawRequest);
        if (request === undefined) continue;
        const requestPath = [...path, 'resources', 'requests', resource];
        if (!(resource in limits)) {
          if (!isOvercommittable(resource) && resource.includes('/'))
            yield {
              path: requestPath,
              message: `container "${name}" requests the extended resource "${resource}" without a limit`,
            };
          continue;
        }
        const limit = parseQuantity(limits[resource]);
        if (limit === undefined) continue;
        if (isOvercommittable(resource)) {
          if (request > limit)
            yield {
              path: requestPath,
              message: `container "${name}" ${resource} request ${String(rawRequest)} is above its limit ${String(limits[resource])}`,
            };
        } else if (request !== limit) {
          yield {
            path: requestPath,
            message: `container "${name}" ${resource} request ${String(rawRequest)} differs from its limit ${String(limits[resource])}; "${resource}" cannot be overcommitted`,
          };
        }
      }
    }
  },
});
