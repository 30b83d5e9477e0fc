// https://kubernetes.io/docs/concepts/services-networking/ingress/#the-ingress-resource
import { defineCheck } from '../../core/check.ts';
import { objectsNamed } from '../../k8s/references.ts';
import { ingressBackends, serviceHasPort, serviceType } from '../../k8s/services.ts';

export const ingressBackendServiceMissing = defineCheck({
  id: 'ingress-backend-service-missing',
  title: 'Ingress backend names a Service or Service port that does not exist',
  severity: 'high',
  category: 'networking',
  indexes: ['objects-named:Service'],
  description:
    'An Ingress routes each path (and its defaultBackend) to a Service port in its own namespace. When the ' +
    'Service is missing, or does not declare the port number or port name the backend gives, the ingress ' +
    'controller answers 503 for that path. Resource backends are not Services and are not checked.',
  remediation:
    "Point the backend at an existing Service in the Ingress's namespace, using one of its spec.ports[].port " +
    'numbers or spec.ports[].name names (not the targetPort).',
  docs: [
    'https://kubernetes.io/docs/concepts/services-networking/ingress/#the-ingress-resource',
    'https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/#IngressBackend',
  ],
  appliesTo: ['Ingress'],
  example: {
    bad: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules:
  - http:
      paths:
      - path: /
        pathType: Prefix
        backend: {service: {name: web, port: {number: 8080}}}   # 8080 is the targetPort
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
`,
    good: `        backend: {service: {name: web, port: {name: http}}}   # or number: 80
`,
  },
  peers: { 'kube-linter': ['dangling-ingress'] },
  *check({ object, ref }, { index }) {
    const seen = new Set<string>();
    for (const backend of ingressBackends(object)) {
      const portText = backend.port
        ? 'number' in backend.port
          ? ` port ${backend.port.number}`
          : ` port "${backend.port.name}"`
        : '';
      const key = `${backend.service}\u0000${portText}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const port = backend.port ?? { number: Number.NaN };
      const services = objectsNamed(index, 'Service', ref.namespace, backend.service);
      if (services.length === 0) {
        yield {
          path: backend.path,
          message: `backend Service "${backend.service}" is not in ${index.partial ? 'the input' : 'the cluster'}`,
          ...(index.partial ? { severity: 'info' as const } : {}),
        };
      } else if (
        backend.port &&
        // ExternalName Services usually declare no ports: the backend's port is used at the external name.
        !services.some((s) => serviceType(s.object) === 'ExternalName' || serviceHasPort(s.object, port))
      ) {
        yield {
          path: [...backend.path, 'port'],
          message: `backend Service "${backend.service}" has no${portText}`,
        };
      }
    }
  },
});
