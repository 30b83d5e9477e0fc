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

testCheck(networkpolicyPeerSelectsNothing, {
  valid: [
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
