import { testCheck } from '../../../test/support/check-tester.ts';
import { serviceTargetPortNotExposed } from './service-target-port-not-exposed.ts';

const deploy = (ports: string, name = 'web', extra = '') => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, track: ${name}}}
    spec:
      containers: [{name: app, image: "app:1", ports: ${ports}}]${extra}
`;
const service = (ports: string, selector = '{app: web}') => `---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: ${selector}
  ports: ${ports}
`;

testCheck(serviceTargetPortNotExposed, {
  valid: [
    {
      name: 'numeric targetPort declared',
      yaml: deploy('[{containerPort: 8080}]') + service('[{port: 80, targetPort: 8080}]'),
    },
    { name: 'targetPort defaults to port', yaml: deploy('[{containerPort: 80}]') + service('[{port: 80}]') },
    {
      name: 'named targetPort declared',
      yaml: deploy('[{name: http, containerPort: 8080}]') + service('[{port: 80, targetPort: http}]'),
    },
    {
      name: 'containers declare no ports: numeric not judged',
      yaml: deploy('[]') + service('[{port: 80, targetPort: 8080}]'),
    },
    {
      name: 'UDP port with matching protocol',
      yaml: deploy('[{containerPort: 53, protocol: UDP}]') + service('[{port: 53, protocol: UDP}]'),
    },
    {
      name: 'port declared by a sidecar init container',
      yaml:
        deploy(
          '[{containerPort: 8080}]',
          'web',
          '\n      initContainers: [{name: proxy, image: "proxy:1", restartPolicy: Always, ports: [{name: proxy, containerPort: 15001}]}]',
        ) + service('[{port: 80, targetPort: proxy}]'),
    },
    {
      name: 'selector matches nothing: another check',
      yaml: deploy('[{containerPort: 1}]') + service('[{port: 80}]', '{app: nope}'),
    },
    { name: 'no selector', yaml: service('[{port: 80, targetPort: 9}]', '{}') },
    { name: 'ports of wrong shape', yaml: deploy('"x"') + service('[null, 7, {port: "80"}]') },
  ],
  invalid: [
    {
      name: 'numeric targetPort not among declared ports',
      yaml:
        deploy('[{containerPort: 8080}, {containerPort: 9090}]') +
        service('[{name: http, port: 80, targetPort: 8000}]'),
      findings: [
        {
          message:
            'port "http" targets port 8000/TCP, but the containers of Deployment shop/web declare only 8080/TCP, 9090/TCP',
          path: 'spec.ports[0].targetPort',
        },
      ],
    },
    {
      name: 'absent targetPort means port',
      yaml: deploy('[{containerPort: 8080}]') + service('[{port: 80}]'),
      findings: [{ path: 'spec.ports[0].port', message: /port 80 targets port 80\/TCP/ }],
    },
    {
      name: 'named targetPort no container declares',
      yaml: deploy('[{name: web, containerPort: 8080}]') + service('[{port: 80, targetPort: http}]'),
      findings: [
        {
          message:
            'port 80 targets the named port "http" (TCP), which no container of Deployment shop/web declares',
        },
      ],
    },
    {
      name: 'protocol mismatch',
      yaml:
        deploy('[{name: dns, containerPort: 53, protocol: UDP}]') + service('[{port: 53, targetPort: dns}]'),
      findings: [{ message: /named port "dns" \(TCP\)/ }],
    },
    {
      name: 'one of two selected workloads lacks the port',
      yaml:
        deploy('[{name: http, containerPort: 8080}]') +
        deploy('[{name: web, containerPort: 8080}]', 'canary') +
        service('[{port: 80, targetPort: http}]'),
      findings: [{ message: /Deployment shop\/canary/ }],
    },
  ],
});
