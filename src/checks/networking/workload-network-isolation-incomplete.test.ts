import { testCheck } from '../../../test/support/check-tester.ts';
import { workloadNetworkIsolationIncomplete } from './workload-network-isolation-incomplete.ts';

const pod = `---
apiVersion: v1
kind: Pod
metadata: {name: api, labels: {app: api}}
spec: {containers: [{name: api, image: "api:1"}]}
`;
const policy = (name: string, spec: string) => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}}
spec:
  podSelector: {matchLabels: {app: api}}
${spec}
`;

testCheck(workloadNetworkIsolationIncomplete, {
  valid: [
    {
      name: 'both types with rules',
      yaml:
        pod +
        policy(
          'both',
          '  policyTypes: [Ingress, Egress]\n  ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}}]}]\n  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}}]}]',
        ),
    },
    {
      name: 'default deny in both directions (no rules)',
      yaml: pod + policy('deny', '  policyTypes: [Ingress, Egress]'),
    },
    {
      name: 'two policies together',
      yaml: pod + policy('in', '  policyTypes: [Ingress]') + policy('out', '  policyTypes: [Egress]'),
    },
    {
      name: 'no policyTypes but egress rules: both',
      yaml: pod + policy('implicit', '  egress: [{to: [{podSelector: {}}]}]'),
    },
  ],
  invalid: [
    {
      name: 'no policy',
      yaml: pod,
      findings: [{ message: 'no NetworkPolicy selects the pods of Pod "api"' }],
    },
    {
      name: 'ingress only (implicit)',
      yaml: pod + policy('in', '  ingress: [{from: [{podSelector: {}}]}]'),
      findings: [{ message: 'the pods of Pod "api" are not isolated for egress (selected by "in")' }],
    },
    {
      name: 'egress only (explicit)',
      yaml: pod + policy('out', '  policyTypes: [Egress]\n  ingress: [{from: [{podSelector: {}}]}]'),
      findings: [{ message: /not isolated for ingress/ }],
    },
  ],
});
