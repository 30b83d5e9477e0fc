import { testCheck } from '../../../test/support/check-tester.ts';
import { podHostIpc } from './pod-host-ipc.ts';
import { podHostNetwork } from './pod-host-network.ts';
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

for (const [check, field] of [
  [podHostNetwork, 'hostNetwork'],
  [podHostPid, 'hostPID'],
  [podHostIpc, 'hostIPC'],
] as const) {
  testCheck(check, {
    valid: [
      { name: 'unset', yaml: deployment('') },
      { name: 'false', yaml: deployment(`      ${field}: false\n`) },
      { name: 'string "true"', yaml: deployment(`      ${field}: "true"\n`) },
      {
        name: 'a Service is not a workload',
        yaml: `apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {${field}: true}\n`,
      },
    ],
    invalid: [
      {
        name: 'true',
        yaml: deployment(`      ${field}: true\n`),
        findings: [{ message: `the pod sets ${field}: true`, path: `spec.template.spec.${field}`, line: 8 }],
      },
    ],
  });
}
