// Shared body of the container-<resource>-<request|limit>-missing checks (not a check itself).
import type { CheckContext, Issue } from '../../core/check.ts';
import type { LoadedObject } from '../../core/object.ts';
import { limitRangeDefaults } from '../../k8s/limit-ranges.ts';
import { declaredResource, parseQuantity, type ResourceSection } from '../../k8s/quantity.ts';
import { reviewedThroughOwner } from '../../k8s/replicas.ts';
import { longRunningContainersOf } from '../../k8s/workloads.ts';

const LABEL: Record<string, string> = { cpu: 'CPU', memory: 'memory' };

/**
 * Containers and sidecars (init containers with restartPolicy Always) run for the pod's lifetime and are checked;
 * run-to-completion init containers are not. A request left unset defaults to the limit; a LimitRange of the
 * namespace in the set may default either.
 */
export function* missingResource(
  { object, ref }: LoadedObject,
  { index }: CheckContext<unknown>,
  section: ResourceSection,
  resource: string,
): Generator<Issue> {
  if (reviewedThroughOwner(index, object)) return;
  const what = `${LABEL[resource] ?? resource} ${section === 'requests' ? 'request' : 'limit'}`;
  for (const { container, path } of longRunningContainersOf(object)) {
    const name = typeof container.name === 'string' ? container.name : '?';
    const declared = declaredResource(container, section, resource);
    if (declared !== undefined && declared !== null && declared !== '') {
      // Invalid quantities are the schema check's finding.
      if (parseQuantity(declared) === 0)
        yield {
          path: [...path, 'resources', section, resource],
          message: `container "${name}" has a ${what} of 0`,
        };
      continue;
    }
    if (section === 'requests') {
      const limit = parseQuantity(declaredResource(container, 'limits', resource));
      if (limit !== undefined && limit > 0) continue;
    }
    if (limitRangeDefaults(index, ref.namespace, section, resource)) continue;
    yield { path: [...path, 'resources'], message: `container "${name}" has no ${what}` };
  }
}
