import { testCheck } from '../../../test/support/check-tester.ts';
import { pssWindowsHostProcess } from './pss-windows-host-process.ts';

const pod = (podValue: string, containerValue: string) => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  os: {name: windows}
  securityContext: {windowsOptions: {hostProcess: ${podValue}}}
  containers:
    - name: app
      image: "app:1"
      securityContext: {windowsOptions: {hostProcess: ${containerValue}}}
`;

testCheck(pssWindowsHostProcess, {
  valid: [
    { name: 'hostProcess false', yaml: pod('false', 'false'), settings: { podSecurityLevel: 'baseline' } },
    { name: 'hostProcess unset', yaml: pod('null', 'null'), settings: { podSecurityLevel: 'restricted' } },
  ],
  invalid: [
    {
      name: 'pod and container',
      yaml: pod('true', 'true'),
      settings: { podSecurityLevel: 'restricted', kubeVersion: '1.37' },
      findings: [
        {
          message: 'hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)',
          path: 'spec.securityContext.windowsOptions.hostProcess',
          line: 6,
        },
        { path: 'spec.containers[0].securityContext.windowsOptions.hostProcess', message: /container "app"/ },
      ],
    },
  ],
});
