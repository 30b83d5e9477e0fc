import { testCheck } from '../../../test/support/check-tester.ts';
import { servicemonitorSelectsNothing } from './servicemonitor-selects-nothing.ts';

const service = (namespace: string, labels = '{app: api}') => `---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: ${namespace}, labels: ${labels}}
spec: {selector: {app: api}, ports: [{name: metrics, port: 9090}]}
`;
const sm = (spec: string, namespace = 'monitoring') => `---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api${namespace ? `, namespace: ${namespace}` : ''}}
spec:
  endpoints: [{port: metrics}]
${spec}
`;

testCheck(servicemonitorSelectsNothing, {
  valid: [
    {
      name: 'same namespace by default',
      yaml: service('monitoring') + sm('  selector: {matchLabels: {app: api}}'),
    },
    {
      name: 'matchNames lists the Service namespace',
      yaml:
        service('shop') +
        sm('  selector: {matchLabels: {app: api}}\n  namespaceSelector: {matchNames: [shop]}'),
    },
    {
      name: 'any: true',
      yaml: service('shop') + sm('  selector: {matchLabels: {app: api}}\n  namespaceSelector: {any: true}'),
    },
    {
      name: 'matchExpressions',
      yaml: service('monitoring') + sm('  selector: {matchExpressions: [{key: app, operator: Exists}]}'),
    },
    {
      name: 'empty selector selects every Service of the listed namespace',
      yaml: service('shop') + sm('  namespaceSelector: {matchNames: [shop]}'),
    },
    {
      name: 'the API server Service default/kubernetes every cluster has',
      yaml:
        service('monitoring') +
        sm(
          '  selector: {matchLabels: {component: apiserver, provider: kubernetes}}\n  namespaceSelector: {matchNames: [default]}',
        ),
    },
    {
      name: 'the cluster DNS Service kube-system/kube-dns',
      yaml:
        service('kube-system') +
        sm(
          '  selector: {matchLabels: {k8s-app: kube-dns}}\n  namespaceSelector: {matchNames: [kube-system]}',
        ),
    },
    {
      name: 'the kubelet Service prometheus-operator creates (--kubelet-service)',
      yaml:
        service('kube-system') +
        `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: prometheus-operator, namespace: monitoring}
spec:
  selector: {matchLabels: {app: po}}
  template:
    metadata: {labels: {app: po}}
    spec:
      containers:
      - name: prometheus-operator
        image: quay.io/prometheus-operator/prometheus-operator:v0.80.0
        args: [--kubelet-service=kube-system/kubelet, --log-level=info]
` +
        sm(
          '  selector: {matchLabels: {app.kubernetes.io/name: kubelet}}\n  namespaceSelector: {matchNames: [kube-system]}',
        ),
    },
    {
      name: 'the governing Service of a Prometheus custom resource (prometheus-operated)',
      yaml:
        service('monitoring') +
        `---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec: {}
` +
        sm('  selector: {matchLabels: {operated-prometheus: "true"}}'),
    },
    {
      name: 'ServiceMonitor without namespace in a file can land next to the Service',
      yaml: service('shop') + sm('  selector: {matchLabels: {app: api}}', ''),
    },
  ],
  invalid: [
    {
      name: 'labels do not match (the Service selector is not its labels)',
      yaml: service('monitoring', '{team: a}') + sm('  selector: {matchLabels: {app: api}}'),
      findings: [
        {
          message:
            'ServiceMonitor "api" selects Services labelled app=api in namespace "monitoring", but the input has none',
          path: 'spec.selector',
          severity: 'medium',
        },
      ],
    },
    {
      name: 'Service in another namespace without namespaceSelector (the input has none in its own): info',
      yaml: service('shop') + sm('  selector: {matchLabels: {app: api}}'),
      findings: [
        {
          object: 'ServiceMonitor/api',
          severity: 'info',
          message:
            'ServiceMonitor "api" selects Services labelled app=api in namespace "monitoring"; the input has no Service there, so they may be defined elsewhere',
        },
      ],
    },
    {
      name: 'kubelet Service without the operator flag in the input: info (kube-system is not in the input)',
      yaml: sm(
        '  selector: {matchLabels: {app.kubernetes.io/name: kubelet}}\n  namespaceSelector: {matchNames: [kube-system]}',
      ),
      findings: [{ severity: 'info' }],
    },
    {
      name: 'a typo among Services of the namespace: medium',
      yaml:
        service('kube-system', '{k8s-app: kube-dns}') +
        sm(
          '  selector: {matchLabels: {k8s-app: kube-dsn}}\n  namespaceSelector: {matchNames: [kube-system]}',
        ),
      findings: [{ severity: 'medium' }],
    },
    {
      name: 'matchNames lists the wrong namespace',
      yaml:
        service('shop') +
        sm('  selector: {matchLabels: {app: api}}\n  namespaceSelector: {matchNames: [prod]}'),
      findings: [{ message: /in namespace "prod"/ }],
    },
    {
      name: 'namespace without Services, empty selector',
      yaml: service('shop') + sm('  namespaceSelector: {matchNames: [test2]}', ''),
      findings: [{ message: /labelled \(anything\) in namespace "test2"/ }],
    },
  ],
});
