// https://kubernetes.io/docs/concepts/services-networking/ingress/#the-ingress-resource
import { defineCheck } from '../../core/check.ts';
import { kindRead } from '../../diagnose/kinds.ts';
import { kubectl } from '../../diagnose/pod-context.ts';
import { ingressBackends, serviceHasPort, serviceType } from '../../k8s/services.ts';

export const ingressBackendUnavailable = defineCheck({
  id: 'ingress-backend-unavailable',
  title: 'Ingress routes to a Service or Service port that does not exist',
  severity: 'high',
  category: 'networking',
  description:
    'Requests matching the rule have nowhere to go: the controller answers 503 (or 404 from its default backend) ' +
    'for them. Usually the Service was renamed or deleted, lives in another namespace (an Ingress can only route ' +
    'to Services in its own namespace), or the port number/name in the rule is not one the Service declares.',
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
      if (!what) continue;
      yield {
        path: backend.path,
        message: `Ingress "${ingress.ref.name}" routes to a backend that is not there: ${what}`,
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
