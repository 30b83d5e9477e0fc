import { testCheck } from '../../../test/support/check-tester.ts';
import { networkpolicySelectsNothing } from './networkpolicy-selects-nothing.ts';

const deploy = `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api, tier: back}}
    spec: {containers: [{name: api, image: "api:1"}]}
`;
const policy = (selector: string, namespace = 'shop') => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: ${namespace}}
spec:
  podSelector: ${selector}
  policyTypes: [Ingress]
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

testCheck(networkpolicySelectsNothing, {
  valid: [
    {
      name: 'selects the pods of an Alertmanager custom resource',
      yaml:
        operated +
        `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: alertmanager-main, namespace: monitoring}
spec:
  podSelector: {matchLabels: {app.kubernetes.io/name: alertmanager, app.kubernetes.io/instance: main}}
  policyTypes: [Ingress]
`,
    },
    { name: 'matchLabels match', yaml: deploy + policy('{matchLabels: {app: api}}') },
    {
      name: 'matchExpressions match',
      yaml: deploy + policy('{matchExpressions: [{key: tier, operator: In, values: [back, front]}]}'),
    },
    { name: 'empty podSelector: whole namespace', yaml: policy('{}') },
    {
      name: 'bare Pod matches',
      yaml: `---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop, labels: {app: api}}\nspec: {containers: [{name: a, image: "a:1"}]}\n${policy('{matchLabels: {app: api}}')}`,
    },
    { name: 'selector of wrong type is not judged', yaml: policy('"app=api"') },
  ],
  invalid: [
    {
      name: 'no workload of the namespace in the input: info',
      yaml: `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dns, namespace: kube-system}
spec:
  podSelector: {matchLabels: {k8s-app: kube-dns}}
  policyTypes: [Ingress]
`,
      findings: [{ severity: 'info', message: /; the input has no workloads in namespace "kube-system"/ }],
    },
    {
      name: 'typo in label',
      yaml: deploy + policy('{matchLabels: {app: api-server}}'),
      findings: [
        {
          message:
            'NetworkPolicy "api" selects pods with app=api-server but no workload in the input has those labels',
          path: 'spec.podSelector',
        },
      ],
    },
    {
      name: 'workload in another namespace',
      yaml: deploy + policy('{matchLabels: {app: api}}', 'other'),
      findings: [{ object: 'NetworkPolicy/api' }],
    },
    {
      name: 'NotIn excludes the only workload',
      yaml: deploy + policy('{matchExpressions: [{key: tier, operator: NotIn, values: [back]}]}'),
      findings: [{ message: /tier notin \(back\)/ }],
    },
  ],
});
