import { testCheck } from '../../../test/support/check-tester.ts';
import { workloadNetworkPolicyMissing } from './workload-network-policy-missing.ts';

const deploy = (namespace = 'shop') => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: ${namespace}}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: "api:1"}]}
`;
const policy = (selector: string) => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec: {podSelector: ${selector}}
`;

testCheck(workloadNetworkPolicyMissing, {
  valid: [
    { name: 'selected by label', yaml: deploy() + policy('{matchLabels: {app: api}}') },
    { name: 'namespace default policy', yaml: deploy() + policy('{}') },
    {
      name: 'Pod owned by a ReplicaSet in the set is judged through its owner',
      yaml: `${policy('{matchLabels: {app: api}}')}---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: api-x, namespace: shop}
spec: {template: {metadata: {labels: {app: api}}}}
---
apiVersion: v1
kind: Pod
metadata: {name: api-1, namespace: shop, labels: {app: other}, ownerReferences: [{kind: ReplicaSet, name: api-x, controller: true}]}
spec: {containers: []}
`,
    },
  ],
  invalid: [
    {
      name: 'no policy',
      yaml: deploy(),
      findings: [{ message: 'no NetworkPolicy selects the pods of Deployment "api"' }],
    },
    {
      name: 'policy selects other pods',
      yaml: deploy() + policy('{matchLabels: {app: web}}'),
      findings: [{ object: 'Deployment/api' }],
    },
    {
      name: 'policy in another namespace',
      yaml: deploy('other') + policy('{}'),
      findings: [{ object: 'Deployment/api' }],
    },
  ],
});
