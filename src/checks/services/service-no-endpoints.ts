// https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/
// Read through EndpointSlices: v1 Endpoints is deprecated since 1.33.
import { defineCheck, type Issue } from '../../core/check.ts';
import { closestNames } from '../../core/edit-distance.ts';
import type { ObjectIndex } from '../../core/index.ts';
import type { LoadedObject } from '../../core/object.ts';
import { kubectl, workloadOf } from '../../diagnose/pod-context.ts';
import { selectorSuggestion } from '../../diagnose/suggestions.ts';
import { formatSelector } from '../../k8s/labels.ts';
import { podsByLabel, selectedPods } from '../../k8s/pod-selection.ts';
import { isFinished } from '../../k8s/pod-status.ts';
import { endpointCounts, hasReadyEndpoints, servicePorts, serviceSelector } from '../../k8s/services.ts';
import type { PodSpec } from '../../k8s/workloads.ts';

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
    const ready = hasReadyEndpoints(index, ns, service.ref.name);
    if (!ready) {
      yield noEndpoints(index, service, selector, selectedPods(index, ns, { matchLabels: selector }));
      return;
    }
    // Only a targetPort given by name can fail to resolve per pod.
    if (
      servicePorts(service.object).some(
        (p) => typeof p.targetPort === 'string' && !/^\d+$/.test(p.targetPort),
      )
    )
      yield* unresolvedPorts(service, selectedPods(index, ns, { matchLabels: selector }));
  },
});

/** The Service's selector matches no pod (maybe a typo away from one), or matches pods none of which is ready. */
function noEndpoints(
  index: ObjectIndex,
  service: LoadedObject,
  selector: Record<string, string>,
  pods: LoadedObject[],
): Issue {
  const ns = service.ref.namespace ?? '';
  const counts = endpointCounts(index, ns, service.ref.name);
  const live = pods.filter((p) => !isFinished(p.object));
  const suggestion = pods.length === 0 ? selectorSuggestion(index, ns, selector) : undefined;
  const why =
    pods.length === 0
      ? `its selector ${formatSelector(selector)} matches no pod`
      : `${live.length} pod(s) match its selector but none is ready`;
  const owners = suggestion ? [...new Set(suggestion.pods.map((p) => workloadOf(index, p)))] : [];
  const remedy =
    pods.length > 0
      ? `The ${plural(live.length, 'pod')} it selects ${live.length === 1 ? 'is' : 'are'} not ready: fix what keeps ` +
        `${live.length === 1 ? 'it' : 'them'} unready (their own findings), and the Service gets endpoints on its own.`
      : suggestion
        ? `Did you mean ${suggestion.replaced.map(([, meant]) => meant).join(', ')}? Set the Service's selector to ` +
          `${formatSelector(suggestion.selector)} (it matches ${plural(suggestion.pods.length, 'pod')} of ${owners.join(', ')}), ` +
          `or add the label ${suggestion.replaced.map(([written]) => written).join(', ')} to the pods meant to serve it.`
        : `No pod in namespace ${ns} carries ${formatSelector(selector)}${labelHint(index, ns, selector)}: set the ` +
          "Service's selector to the labels of the pods meant to serve it, or label those pods.";
  return {
    path: ['spec', 'selector'],
    message: `Service "${service.ref.name}" has no ready endpoints: ${why}`,
    remedy,
    evidence: [
      `selector: ${formatSelector(selector)}`,
      `EndpointSlices: ${counts.slices} (${counts.endpoints} endpoints, none ready)`,
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
      summary: suggestion
        ? `Service ${ns}/${service.ref.name} has no endpoints: its selector ${formatSelector(selector)} matches no pod, and ${formatSelector(suggestion.selector)} would match ${plural(suggestion.pods.length, 'pod')}.`
        : `Service ${ns}/${service.ref.name} has no ready endpoints: ${why}.`,
      workload: `Service ${ns}/${service.ref.name}`,
      ...(live.length > 0
        ? { upstream: live.map((p) => ({ kind: 'Pod', namespace: ns, name: p.ref.name })) }
        : {}),
      nextSteps: [
        kubectl(ns, `get endpointslices -l kubernetes.io/service-name=${service.ref.name}`),
        kubectl(
          ns,
          pods.length === 0 ? 'get pods --show-labels' : `get pods -l ${formatSelector(selector)} -o wide`,
        ),
      ],
    },
  };
}

/** The values the namespace's pods carry for the selector's keys: what the selector could have said. */
function labelHint(index: ObjectIndex, ns: string, selector: Record<string, string>): string {
  const values = new Set<string>();
  for (const pod of podsByLabel(index).inNamespace(ns))
    for (const key of Object.keys(selector)) {
      const v = pod.object.metadata.labels?.[key];
      if (v !== undefined) values.add(`${key}=${v}`);
    }
  return values.size > 0 ? ` (pods there carry ${[...values].slice(0, 5).join(', ')})` : '';
}

/**
 * A targetPort given by name resolves per pod to the container port of that name; when none of the selected pods
 * declares it, the endpoints carry no port and connections to that Service port fail.
 */
function* unresolvedPorts(service: LoadedObject, pods: LoadedObject[]): Generator<Issue> {
  const running = pods.filter((p) => !isFinished(p.object));
  if (running.length === 0) return;
  const declared = new Map<string, string>();
  for (const pod of running)
    for (const c of (pod.object.spec as PodSpec | undefined)?.containers ?? [])
      for (const port of Array.isArray(c?.ports) ? c.ports : [])
        if (typeof port?.name === 'string')
          declared.set(port.name, `${port.name} ${port.containerPort}/${port.protocol ?? 'TCP'}`);
  const ns = service.ref.namespace ?? '';
  for (const port of servicePorts(service.object)) {
    if (typeof port.targetPort !== 'string' || /^\d+$/.test(port.targetPort) || declared.has(port.targetPort))
      continue;
    const near = closestNames(port.targetPort, declared.keys(), 1)[0];
    const they =
      declared.size > 0 ? `they declare ${[...declared.values()].join(', ')}` : 'they declare no named ports';
    const label = `port ${port.port ?? '?'}${port.name ? ` (${port.name})` : ''}`;
    yield {
      path: ['spec', 'ports', port.index, 'targetPort'],
      message: `Service "${service.ref.name}" ${label} has no endpoints: targetPort "${port.targetPort}" is not a port name the selected pods declare (${they})`,
      remedy:
        `${near ? `Did you mean targetPort "${near}"? ` : ''}Set targetPort of ${label} to a port name or number the pods ` +
        `declare (${they}), or name the container port "${port.targetPort}".`,
      evidence: [
        `selected pods: ${running
          .slice(0, 3)
          .map((p) => p.ref.name)
          .join(', ')}${running.length > 3 ? ` and ${running.length - 3} more` : ''}`,
      ],
      cause: {
        key: `service-port/${ns}/${service.ref.name}/${port.index}`,
        summary: `Service ${ns}/${service.ref.name} ${label} reaches no pod: targetPort "${port.targetPort}" is not a port name its pods declare${near ? ` (did you mean "${near}"?)` : ''}.`,
        workload: `Service ${ns}/${service.ref.name}`,
        nextSteps: [
          kubectl(ns, `get endpointslices -l kubernetes.io/service-name=${service.ref.name} -o yaml`),
          kubectl(
            ns,
            `get pods -l ${formatSelector(serviceSelector(service.object) ?? {})} -o jsonpath='{.items[0].spec.containers[*].ports}'`,
          ),
        ],
      },
    };
  }
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
