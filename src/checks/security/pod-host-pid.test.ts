import { testCheck } from '../../../test/support/check-tester.ts';
import { podHostPid } from './pod-host-pid.ts';

const deployment = (field: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
${field}      containers: [{name: app}]
`;

testCheck(podHostPid, {
  valid: [
    { name: 'unset', yaml: deployment('') },
    { name: 'false', yaml: deployment('      hostPID: false\n') },
    { name: 'string "true"', yaml: deployment('      hostPID: "true"\n') },
    {
      name: 'a Service is not a workload',
      yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {hostPID: true}\n',
    },
  ],
  invalid: [
    {
      name: 'true',
      yaml: deployment('      hostPID: true\n'),
      findings: [{ message: 'the pod sets hostPID: true', path: 'spec.template.spec.hostPID', line: 8 }],
    },
  ],
});
