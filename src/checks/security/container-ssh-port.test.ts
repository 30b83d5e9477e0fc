import { testCheck } from '../../../test/support/check-tester.ts';
import { containerSshPort } from './container-ssh-port.ts';

const pod = (ports: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, ports: ${ports}}]
`;

testCheck(containerSshPort, {
  valid: [
    { name: 'port 2222', yaml: pod('[{containerPort: 2222}]') },
    { name: 'port 22 over UDP', yaml: pod('[{containerPort: 22, protocol: UDP}]') },
  ],
  invalid: [
    {
      name: '22/TCP',
      yaml: pod('[{containerPort: 22, protocol: TCP}]'),
      findings: [{ message: 'container "app" exposes port 22/TCP' }],
    },
    {
      name: '22 without protocol is TCP',
      yaml: pod('[{containerPort: 22}]'),
      findings: [{ path: 'spec.containers[0].ports[0].containerPort' }],
    },
  ],
});
