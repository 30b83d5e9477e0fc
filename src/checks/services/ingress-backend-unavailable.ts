// https://kubernetes.io/docs/concepts/services-networking/ingress/#the-ingress-resource
import { defineCheck } from '../../core/check.ts';
import { kindRead } from '../../diagnose/kinds.ts';
import { kubectl } from '../../diagnose/pod-context.ts';
import { didYouMean, similarNames } from '../../diagnose/suggestions.ts';
import {
  hasReadyEndpoints,
  ingressBackends,
  serviceHasPort,
  serviceSelector,
  serviceType,
} from '../../k8s/services.ts';

export const ingressBackendUnavailable = defineCheck({
  id: 'ingress-backend-unavailable',
  title: 'Ingress routes to a Service that does not exist, lacks the port, or has no ready endpoints',
  severity: 'high',
  category: 'networking',
  description:
    'Requests matching the rule have nowhere to go: the controller answers 503 (or 404 from its default backend) ' +
    'for them. Usually the Service was renamed or deleted, lives in another namespace (an Ingress can only route ' +
    'to Services in its own namespace), or the port number/name in the rule is not one the Service declares. ' +
    'When the Service exists but has no ready endpoints, the Service is the root and the Ingress its consequence.',
  remediation:
    'Point the rule at an existing Service in the same namespace and at a port the Service declares ' +
    '(spec.ports[].port or its name, not the container port).',
  docs: ['https://kubernetes.io/docs/concepts/services-networking/ingress/#the-ingress-resource'],
  appliesTo: ['Ingress'],
  peers: { k8sgpt: ['Ingress'] },
  *check(ingress, { index, settings }) {
    if (!kindRead(settings, 'Service')) return;
    const ns = ingress.ref.namespace;
    const seen = new Set<string>();
    for (const backend of ingressBackends(ingress.object)) {
      const port = backend.port
        ? 'number' in backend.port
          ? `${backend.port.number}`
          : `"${backend.port.name}"`
        : '';
      const key = `${backend.service}/${port}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const service = index.get('Service', ns, backend.service);
      const what = !service
        ? `Service "${backend.service}" does not exist in namespace "${ns ?? ''}"`
        : backend.port &&
            serviceType(service.object) !== 'ExternalName' &&
            !serviceHasPort(service.object, backend.port)
          ? `Service "${backend.service}" has no port ${port}`
          : undefined;
      const unready =
        !what &&
        service &&
        serviceType(service.object) !== 'ExternalName' &&
        serviceSelector(service.object) !== undefined &&
        kindRead(settings, 'EndpointSlice') &&
        !hasReadyEndpoints(index, ns ?? '', backend.service);
      if (unready) {
        yield {
          path: backend.path,
          message: `Ingress "${ingress.ref.name}" routes to Service "${backend.service}", which has no ready endpoints`,
          remedy: `Requests for this rule fail (503) until Service ${backend.service} has ready pods: fix what keeps its pods from being ready or its selector from matching them.`,
          cause: {
            key: `ingress-backend-unready/${ns ?? ''}/${backend.service}`,
            summary: `Ingress ${ns ? `${ns}/` : ''}${ingress.ref.name} routes to Service ${backend.service}, which has no ready endpoints: matching requests fail.`,
            workload: `Ingress ${ns ? `${ns}/` : ''}${ingress.ref.name}`,
            upstream: [
              {
                kind: 'Service',
                ...(ns ? { namespace: ns } : {}),
                name: backend.service,
                checks: ['service-no-endpoints'],
              },
            ],
            nextSteps: [kubectl(ns, `describe ingress ${ingress.ref.name}`)],
          },
        };
        continue;
      }
      if (!what) continue;
      const near = !service ? similarNames(index, 'Service', ns, backend.service) : [];
      yield {
        path: backend.path,
        message: `Ingress "${ingress.ref.name}" routes to a backend that is not there: ${what}`,
        ...(near.length > 0
          ? {
              remedy: `${didYouMean(near)}Point the rule at an existing Service in namespace ${ns ?? ''} and a port it declares.`,
            }
          : {}),
        cause: {
          key: `ingress-backend/${ns ?? ''}/${backend.service}/${port}`,
          summary: `Ingress ${ns ? `${ns}/` : ''}${ingress.ref.name}: ${what}; matching requests fail`,
          workload: `Ingress ${ns ? `${ns}/` : ''}${ingress.ref.name}`,
          nextSteps: [kubectl(ns, 'get services'), kubectl(ns, `describe ingress ${ingress.ref.name}`)],
        },
      };
    }
  },
});
