// https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/
// Read through EndpointSlices: v1 Endpoints is deprecated since 1.33.
import { defineCheck } from '../../core/check.ts';
import { LabelIndex, type ObjectIndex } from '../../core/index.ts';
import type { LoadedObject } from '../../core/object.ts';
import { kubectl } from '../../diagnose/pod-context.ts';
import { formatSelector, matchesMap } from '../../k8s/labels.ts';

interface Slice {
  endpoints?: { conditions?: { ready?: boolean; serving?: boolean } }[];
}

function slicesByService(index: ObjectIndex): Map<string, LoadedObject[]> {
  return index.memo('endpointslices-by-service', (idx) => {
    const map = new Map<string, LoadedObject[]>();
    for (const slice of idx.ofKind('EndpointSlice')) {
      const service = slice.object.metadata.labels?.['kubernetes.io/service-name'];
      if (!service) continue;
      const key = `${slice.ref.namespace ?? ''}/${service}`;
      const list = map.get(key);
      if (list) list.push(slice);
      else map.set(key, [slice]);
    }
    return map;
  });
}

/** Pods by namespace and label pair: a selector looks at the pods carrying its rarest pair, not the namespace. */
function podsByLabel(index: ObjectIndex): LabelIndex<LoadedObject> {
  return index.memo('service-pods-by-label', (idx) => {
    const out = new LabelIndex<LoadedObject>();
    for (const pod of idx.ofKind('Pod')) {
      const labels = pod.object.metadata.labels;
      out.add(pod.ref.namespace ?? '', labels && typeof labels === 'object' ? labels : {}, pod);
    }
    return out;
  });
}

export const serviceNoEndpoints = defineCheck({
  id: 'service-no-endpoints',
  title: 'Service has no ready endpoints',
  severity: 'high',
  category: 'networking',
  description:
    'Traffic to the Service fails (connection refused or timeouts) because no ready pod backs it: its selector ' +
    'matches no pod, or the matching pods are not ready (failing readiness probes, crash-looping, Pending).',
  remediation:
    'If the selector matches nothing, fix the selector or the pod labels. If pods match but are not ready, fix ' +
    'what keeps them unready (see the pod findings and their readiness probe).',
  docs: ['https://kubernetes.io/docs/tasks/debug/debug-application/debug-service/'],
  appliesTo: ['Service'],
  peers: { k8sgpt: ['Service'], popeye: ['POP-1100'] },
  *check(service, { index, settings }) {
    const spec = service.object.spec as
      | { selector?: Record<string, string>; type?: string; clusterIP?: string }
      | undefined;
    const selector = spec?.selector;
    // ExternalName and selector-less Services (endpoints managed by hand) have nothing for us to judge.
    if (!selector || Object.keys(selector).length === 0 || spec?.type === 'ExternalName') return;
    if (
      settings.kindsRead &&
      !settings.kindsRead.has('EndpointSlice') &&
      !settings.kindsRead.has('Endpoints')
    )
      return;
    const ns = service.ref.namespace ?? '';
    const slices = slicesByService(index).get(`${ns}/${service.ref.name}`) ?? [];
    let ready = slices.some((s) =>
      ((s.object as unknown as Slice).endpoints ?? []).some((e) => e?.conditions?.ready !== false),
    );
    // Snapshots from older tools carry only v1 Endpoints (deprecated since 1.33): use them when no slice exists.
    if (!ready && slices.length === 0) {
      const endpoints = index.get('Endpoints', service.ref.namespace, service.ref.name);
      const subsets = (endpoints?.object as { subsets?: { addresses?: unknown[] }[] } | undefined)?.subsets;
      ready = Array.isArray(subsets) && subsets.some((s) => (s?.addresses?.length ?? 0) > 0);
    }
    if (ready) return;
    const pairs = Object.entries(selector).map(([k, v]): [string, string] => [k, String(v)]);
    const pods = podsByLabel(index)
      .candidates(ns, pairs)
      .filter((p) => matchesMap(selector, p.object.metadata.labels ?? {}));
    const notReady = pods.filter(
      (p) => !(p.object.status as { phase?: string } | undefined)?.phase?.match(/Succeeded|Failed/),
    );
    const why =
      pods.length === 0
        ? `its selector ${formatSelector(selector)} matches no pod`
        : `${notReady.length} pod(s) match its selector but none is ready`;
    yield {
      path: ['spec', 'selector'],
      message: `Service "${service.ref.name}" has no ready endpoints: ${why}`,
      evidence: [
        `selector: ${formatSelector(selector)}`,
        `EndpointSlices: ${slices.length} (${slices.reduce((n, s) => n + ((s.object as unknown as Slice).endpoints?.length ?? 0), 0)} endpoints, none ready)`,
        ...pods
          .slice(0, 5)
          .map(
            (p) =>
              `pod ${p.ref.name}: ${(p.object.status as { phase?: string } | undefined)?.phase ?? 'unknown'}`,
          ),
      ],
      cause: {
        key:
          pods.length === 0
            ? `service-selector/${ns}/${service.ref.name}`
            : `service-unready/${ns}/${service.ref.name}`,
        summary: `Service ${ns}/${service.ref.name} has no ready endpoints: ${why}`,
        workload: `Service ${ns}/${service.ref.name}`,
        nextSteps: [
          kubectl(ns, `get endpointslices -l kubernetes.io/service-name=${service.ref.name}`),
          kubectl(ns, `get pods -l ${formatSelector(selector)} -o wide`),
        ],
      },
    };
  },
});
