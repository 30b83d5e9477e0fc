// https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports
import { defineCheck } from '../../core/check.ts';
import { reviewedThroughOwner } from '../../k8s/replicas.ts';
import { containerName, containersOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

/** Why a name is not an IANA_SVC_NAME (RFC 6335 as Kubernetes validates it), or undefined when it is one. */
export function portNameProblem(name: string): string | undefined {
  if (name.length > 15) return 'must be no more than 15 characters';
  if (!/^[-a-z0-9]+$/.test(name)) return 'must contain only lowercase letters (a-z), digits (0-9) and "-"';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter (a-z)';
  if (name.startsWith('-') || name.endsWith('-')) return 'must not begin or end with a hyphen';
  if (name.includes('--')) return 'must not contain consecutive hyphens';
  return undefined;
}

export const containerPortNameInvalid = defineCheck({
  id: 'container-port-name-invalid',
  title: 'Container port has an invalid or duplicate name',
  severity: 'high',
  category: 'configuration',
  description:
    'A container port name must be an IANA service name: at most 15 characters of a-z, 0-9 and "-", with at ' +
    'least one letter, no hyphen at either end and no "--", and names must be unique within the container. The ' +
    'API server rejects the pod otherwise, and Services and probes refer to ports by these names.',
  remediation: 'Rename the port (e.g. "http", "metrics", "grpc-api").',
  docs: [
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports',
    'https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports',
  ],
  appliesTo: WORKLOAD_KINDS,
  peers: { 'kube-linter': ['invalid-target-ports'] },
  *check({ object }, { index }) {
    if (reviewedThroughOwner(index, object)) return;
    for (const { container, path } of containersOf(object, ['containers', 'initContainers'])) {
      if (!Array.isArray(container.ports)) continue;
      const names = new Set<string>();
      for (const [i, port] of (container.ports as unknown[]).entries()) {
        if (!port || typeof port !== 'object') continue;
        const { name } = port as { name?: unknown };
        if (typeof name === 'string' && name !== '') {
          const problem = portNameProblem(name);
          if (problem)
            yield {
              path: [...path, 'ports', i, 'name'],
              message: `port name "${name}" in container "${containerName(container)}" ${problem}`,
            };
          else if (names.has(name))
            yield {
              path: [...path, 'ports', i, 'name'],
              message: `port name "${name}" appears more than once in container "${containerName(container)}"`,
            };
          names.add(name);
        }
      }
    }
  },
});
