import { testCheck } from '../../../test/support/check-tester.ts';
import { containerHostProcess } from './container-host-process.ts';

const pod = (podSc: string, sc: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  os: {name: windows}
  securityContext: ${podSc}
  containers: [{name: app, securityContext: ${sc}}]
`;

testCheck(containerHostProcess, {
  valid: [
    { name: 'unset', yaml: pod('{}', '{}') },
    {
      name: 'false',
      yaml: pod('{windowsOptions: {hostProcess: false}}', '{windowsOptions: {hostProcess: false}}'),
    },
  ],
  invalid: [
    {
      name: 'pod level',
      yaml: pod('{windowsOptions: {hostProcess: true}}', '{}'),
      findings: [
        {
          message: 'the pod sets windowsOptions.hostProcess: true',
          path: 'spec.securityContext.windowsOptions.hostProcess',
        },
      ],
    },
    {
      name: 'container level',
      yaml: pod('{}', '{windowsOptions: {hostProcess: true}}'),
      findings: [{ message: 'container "app" sets windowsOptions.hostProcess: true' }],
    },
  ],
});
