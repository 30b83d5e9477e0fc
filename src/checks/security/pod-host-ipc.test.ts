import { testCheck } from '../../../test/support/check-tester.ts';
import { podHostIpc } from './pod-host-ipc.ts';

const deployment = (field: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
${field}      containers: [{name: app}]
`;

testCheck(podHostIpc, {
  valid: [
    { name: 'unset', yaml: deployment('') },
    { name: 'false', yaml: deployment('      hostIPC: false\n') },
    { name: 'string "true"', yaml: deployment('      hostIPC: "true"\n') },
    {
      name: 'a Service is not a workload',
      yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {hostIPC: true}\n',
    },
  ],
  invalid: [
    {
      name: 'true',
      yaml: deployment('      hostIPC: true\n'),
      findings: [{ message: 'the pod sets hostIPC: true', path: 'spec.template.spec.hostIPC', line: 8 }],
    },
  ],
});
