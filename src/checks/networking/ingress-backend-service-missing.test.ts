import { testCheck } from '../../../test/support/check-tester.ts';
import { ingressBackendServiceMissing } from './ingress-backend-service-missing.ts';

const service = `---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
`;
const ingress = (backend: string, namespace = 'shop') => `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: ${namespace}}
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: ${backend}}
`;

testCheck(ingressBackendServiceMissing, {
  valid: [
    { name: 'port number', yaml: service + ingress('{service: {name: web, port: {number: 80}}}') },
    { name: 'port name', yaml: service + ingress('{service: {name: web, port: {name: http}}}') },
    {
      name: 'resource backend',
      yaml: ingress('{resource: {apiGroup: k8s.example.com, kind: Bucket, name: assets}}'),
    },
    {
      name: 'defaultBackend present',
      yaml: `${service}---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: d, namespace: shop}
spec: {defaultBackend: {service: {name: web, port: {number: 80}}}}
`,
    },
    {
      name: 'extensions/v1beta1 serviceName/servicePort',
      yaml: `${service}---
apiVersion: extensions/v1beta1
kind: Ingress
metadata: {name: old, namespace: shop}
spec: {backend: {serviceName: web, servicePort: http}}
`,
    },
    { name: 'malformed rules', yaml: ingress('"x"') },
    {
      name: 'ExternalName Service without ports',
      yaml: `---\napiVersion: v1\nkind: Service\nmetadata: {name: ext, namespace: shop}\nspec: {type: ExternalName, externalName: api.example.com}\n${ingress('{service: {name: ext, port: {number: 443}}}')}`,
    },
    {
      name: 'the Service is defined twice (two directories); one has the port',
      yaml:
        service.replace('{name: http, port: 80, targetPort: 8080}', '{port: 80}') +
        service +
        ingress('{service: {name: web, port: {name: http}}}'),
    },
  ],
  invalid: [
    {
      name: 'Service missing (partial: info)',
      yaml: service + ingress('{service: {name: wbe, port: {number: 80}}}'),
      findings: [
        {
          message: 'backend Service "wbe" is not in the input',
          path: 'spec.rules[0].http.paths[0].backend.service',
          severity: 'info',
        },
      ],
    },
    {
      name: 'targetPort used instead of port',
      yaml: service + ingress('{service: {name: web, port: {number: 8080}}}'),
      findings: [
        {
          message: 'backend Service "web" has no port 8080',
          path: 'spec.rules[0].http.paths[0].backend.service.port',
          severity: 'high',
        },
      ],
    },
    {
      name: 'unknown port name',
      yaml: service + ingress('{service: {name: web, port: {name: https}}}'),
      findings: [{ message: 'backend Service "web" has no port "https"' }],
    },
    {
      name: 'Service in another namespace, complete set',
      complete: true,
      yaml: service + ingress('{service: {name: web, port: {number: 80}}}', 'other'),
      findings: [{ message: 'backend Service "web" is not in the cluster', severity: 'high' }],
    },
    {
      name: 'defaultBackend missing',
      yaml: `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: d}
spec: {defaultBackend: {service: {name: fallback, port: {number: 80}}}}
`,
      findings: [{ path: 'spec.defaultBackend.service' }],
    },
  ],
});
