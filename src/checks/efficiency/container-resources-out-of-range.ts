// https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
import { defineCheck } from '../../core/check.ts';
import { declaredResource, parseQuantity } from '../../k8s/quantity.ts';
import { reviewedThroughOwner } from '../../k8s/replicas.ts';
import { containerName, longRunningContainersOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

type Bound = string | number;
/** Keyed "limits.<resource>" or "requests.<resource>", e.g. "limits.memory": { min: "100Mi", max: "6G" }. */
type Ranges = Record<string, { min?: Bound; max?: Bound }>;

export const containerResourcesOutOfRange = defineCheck<{ ranges: Ranges }>({
  id: 'container-resources-out-of-range',
  title: 'Container request or limit is outside the allowed range',
  severity: 'medium',
  category: 'efficiency',
  description:
    'Platforms often bound container sizes: a tiny memory limit OOM-kills the container at start, a huge one ' +
    'cannot be scheduled on any node or eats a node by itself. The ranges parameter sets the bounds, keyed ' +
    '"limits.<resource>" or "requests.<resource>", with min and/or max as quantities (e.g. "limits.memory": ' +
    '{min: 100Mi, max: 6G}); values are compared as quantities, so 1Gi > 1G. Only values that are set are ' +
    'checked (missing ones are the *-missing checks’ findings), on containers and sidecars. No ranges by ' +
    'default, so the check is off until configured; a LimitRange enforces the same bounds at admission.',
  remediation: 'Size the container within the allowed range, or ask for an exception for this workload.',
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    'https://kubernetes.io/docs/concepts/policy/limit-range/',
  ],
  appliesTo: WORKLOAD_KINDS,
  enabledByDefault: false,
  params: { ranges: {} },
  peers: { polaris: ['resourceRange'] },
  peerParams: {
    // Polaris' test-only custom check (resourceRange/check.yaml).
    polaris: {
      resourceRange: {
        ranges: { 'limits.cpu': { min: '100m', max: '2' }, 'limits.memory': { min: '100Mi', max: '6G' } },
      },
    },
  },
  *check({ object }, { index, params }) {
    if (reviewedThroughOwner(index, object)) return;
    const ranges = params.ranges && typeof params.ranges === 'object' ? Object.entries(params.ranges) : [];
    if (ranges.length === 0) return;
    for (const { container, path } of longRunningContainersOf(object)) {
      for (const [key, range] of ranges) {
        const dot = key.indexOf('.');
        const section = key.slice(0, dot);
        if ((section !== 'limits' && section !== 'requests') || !range) continue;
        const resource = key.slice(dot + 1);
        const raw = declaredResource(container, section, resource);
        const value = parseQuantity(raw);
        if (value === undefined) continue;
        const min = parseQuantity(range.min);
        const max = parseQuantity(range.max);
        const what = `container "${containerName(container)}" ${resource} ${section === 'limits' ? 'limit' : 'request'} ${String(raw)}`;
        const at = [...path, 'resources', section, resource];
        if (min !== undefined && value < min)
          yield { path: at, message: `${what} is below the minimum ${range.min}` };
        else if (max !== undefined && value > max)
          yield { path: at, message: `${what} is above the maximum ${range.max}` };
      }
    }
  },
});
