import { testCheck } from '../../../test/support/check-tester.ts';
import { pssHostNamespaces } from './pss-host-namespaces.ts';

const baseline = { podSecurityLevel: 'baseline', kubeVersion: '1.30' } as const;
const pod = (spec: string) => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
${spec}
  containers: [{name: app, image: "app:1"}]
`;

testCheck(pssHostNamespaces, {
  valid: [
    { name: 'no host namespaces', yaml: pod('  dnsPolicy: ClusterFirst'), settings: baseline },
    {
      name: 'explicit false',
      yaml: pod('  hostNetwork: false\n  hostPID: false\n  hostIPC: false'),
      settings: baseline,
    },
    { name: 'wrong type is not applicable', yaml: pod('  hostNetwork: "true"'), settings: baseline },
    {
      name: 'a Service is not a pod',
      yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {hostNetwork: true}\n',
      settings: baseline,
    },
  ],
  invalid: [
    {
      name: 'hostNetwork on a Pod',
      yaml: pod('  hostNetwork: true'),
      settings: baseline,
      findings: [{ message: 'host namespaces (hostNetwork=true)', path: 'spec.hostNetwork', line: 5 }],
    },
    {
      name: 'hostPID and hostIPC in a Deployment template, at restricted and v1.0',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  selector: {matchLabels: {app: d}}
  template:
    metadata: {labels: {app: d}}
    spec:
      hostPID: true
      hostIPC: true
      containers: [{name: app, image: "app:1"}]
`,
      settings: { podSecurityLevel: 'restricted', kubeVersion: '1.0' },
      findings: [
        { message: 'host namespaces (hostPID=true)', path: 'spec.template.spec.hostPID', line: 9 },
        { message: 'host namespaces (hostIPC=true)', path: 'spec.template.spec.hostIPC', line: 10 },
      ],
    },
  ],
});
