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
    {
      name: 'a named port resolves per pod: one of two selected workloads lacks it (it gets no endpoint)',
      yaml:
        deploy('[{name: http, containerPort: 8080}]') +
        deploy('[{name: web, containerPort: 8080}]', 'canary') +
        service('[{port: 80, targetPort: http}]'),
    },
    {
      name: 'a Helm test pod with the same labels is not a member: not judged',
      yaml:
        deploy('[{name: http, containerPort: 8080}]') +
        `---
apiVersion: v1
kind: Pod
metadata:
  name: web-test-connection
  namespace: shop
  labels: {app: web}
  annotations: {helm.sh/hook: test}
spec:
  containers: [{name: wget, image: "busybox:1", command: [wget, "web:80"]}]
` +
        service('[{port: 80, targetPort: http}, {port: 81, targetPort: 8080}]'),
    },
    {
      name: 'Prometheus custom resource: the operator names its port web (or spec.portName)',
      yaml: `---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec:
  portName: http-web
  podMetadata: {labels: {app.kubernetes.io/part-of: kube-prometheus}}
---
apiVersion: v1
kind: Service
metadata: {name: prometheus-k8s, namespace: monitoring}
spec:
  selector: {app.kubernetes.io/name: prometheus, prometheus: k8s, app.kubernetes.io/part-of: kube-prometheus}
  ports: [{name: web, port: 9090, targetPort: http-web}, {name: reloader, port: 8080, targetPort: reloader-web}]
`,
    },
    {
      name: 'Kafka custom resource: listener ports are not listed, named ports not judged',
      yaml: `---
apiVersion: kafka.strimzi.io/v1beta2
kind: Kafka
metadata: {name: events, namespace: data}
spec: {kafka: {replicas: 3}}
---
apiVersion: v1
kind: Service
metadata: {name: events-extra, namespace: data}
spec:
  selector: {strimzi.io/cluster: events, strimzi.io/kind: Kafka, strimzi.io/name: events-kafka}
  ports: [{port: 9092, targetPort: tcp-clients}]
`,
    },
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
      name: 'neither of two selected workloads declares the name: one finding naming both',
      yaml:
        deploy('[{name: web, containerPort: 8080}]') +
        deploy('[{name: web, containerPort: 8080}]', 'canary') +
        service('[{port: 80, targetPort: http}]'),
      findings: [{ message: /no container of Deployment shop\/web, Deployment shop\/canary declares$/ }],
    },
    {
      name: 'a workload of a sibling directory is not judged, the own one is',
      yaml: `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: "app:1", ports: [{name: web, containerPort: 8080}]}]
`,
      files: {
        'other/app.yaml': `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: other}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: "app:1", ports: [{name: http, containerPort: 8080}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: web}]
`,
      },
      findings: [{ message: /named port "web" \(TCP\), which no container of Deployment other declares/ }],
    },
  ],
});
