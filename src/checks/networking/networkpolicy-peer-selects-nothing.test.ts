import { testCheck } from '../../../test/support/check-tester.ts';
import { networkpolicyPeerSelectsNothing } from './networkpolicy-peer-selects-nothing.ts';

const workloads = `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: "api:1"}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: "web:1"}]}
`;
const policy = (rules: string) => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
${rules}
`;

const operated = `---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec: {podMetadata: {labels: {app.kubernetes.io/component: prometheus}}}
---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main, namespace: monitoring}
spec: {}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: grafana, namespace: monitoring}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: grafana}}
  template:
    metadata: {labels: {app.kubernetes.io/name: grafana}}
    spec: {containers: [{name: grafana, image: "grafana:11"}]}
`;

testCheck(networkpolicyPeerSelectsNothing, {
  valid: [
    {
      name: 'a peer selecting the pods of a Prometheus custom resource',
      yaml:
        operated +
        `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: grafana, namespace: monitoring}
spec:
  podSelector: {matchLabels: {app.kubernetes.io/name: grafana}}
  ingress: [{from: [{podSelector: {matchLabels: {app.kubernetes.io/name: prometheus}}}]}]
`,
    },
    {
      name: 'ingress peer matches',
      yaml: workloads + policy('  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]'),
    },
    {
      name: 'egress peer matches',
      yaml: workloads + policy('  egress: [{to: [{podSelector: {matchLabels: {app: web}}}]}]'),
    },
    {
      name: 'peer with namespaceSelector is not judged',
      yaml:
        workloads +
        policy(
          '  ingress: [{from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: prometheus}}}]}]',
        ),
    },
    { name: 'ipBlock peer', yaml: workloads + policy('  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}}]}]') },
    {
      name: 'empty podSelector: every pod of the namespace',
      yaml: policy('  ingress: [{from: [{podSelector: {}}]}]'),
    },
  ],
  invalid: [
    {
      name: 'a peer with a typo next to the operator pods: medium',
      yaml:
        operated +
        `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: grafana, namespace: monitoring}
spec:
  podSelector: {matchLabels: {app.kubernetes.io/name: grafana}}
  ingress: [{from: [{podSelector: {matchLabels: {app.kubernetes.io/name: prometheus-k8s}}}]}]
`,
      findings: [{ severity: 'medium' }],
    },
    {
      name: 'ingress peer matches nothing',
      yaml: workloads + policy('  ingress: [{from: [{podSelector: {matchLabels: {app: frontend}}}]}]'),
      findings: [
        {
          message:
            'ingress peer selects pods with app=frontend but no workload in the input has those labels',
          path: 'spec.ingress[0].from[0].podSelector',
        },
      ],
    },
    {
      name: 'egress peer matches nothing (second peer)',
      yaml:
        workloads +
        policy(
          '  egress: [{to: [{podSelector: {matchLabels: {app: web}}}, {podSelector: {matchLabels: {app: db}}}]}]',
        ),
      findings: [
        { message: /^egress peer selects pods with app=db/, path: 'spec.egress[0].to[1].podSelector' },
      ],
    },
  ],
});
