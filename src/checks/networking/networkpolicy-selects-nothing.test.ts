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

testCheck(networkpolicySelectsNothing, {
  valid: [
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
