import { testCheck } from '../../../test/support/check-tester.ts';
import { podHostNetwork } from './pod-host-network.ts';

const deployment = (field: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
${field}      containers: [{name: app}]
`;

testCheck(podHostNetwork, {
  valid: [
    { name: 'unset', yaml: deployment('') },
    { name: 'false', yaml: deployment('      hostNetwork: false\n') },
    { name: 'string "true"', yaml: deployment('      hostNetwork: "true"\n') },
    {
      name: 'a Service is not a workload',
      yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {hostNetwork: true}\n',
    },
  ],
  invalid: [
    {
      name: 'true',
      yaml: deployment('      hostNetwork: true\n'),
      findings: [
        { message: 'the pod sets hostNetwork: true', path: 'spec.template.spec.hostNetwork', line: 8 },
      ],
    },
  ],
});
