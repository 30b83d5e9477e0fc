import { testCheck } from '../../../test/support/check-tester.ts';
import { containerHostPort } from './container-host-port.ts';
import { containerPrivilegedPort } from './container-privileged-port.ts';
import { containerSshPort } from './container-ssh-port.ts';

const pod = (ports: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, ports: ${ports}}]
`;

testCheck(containerHostPort, {
  valid: [
    { name: 'container port only', yaml: pod('[{containerPort: 8080}]') },
    { name: 'hostPort 0', yaml: pod('[{containerPort: 8080, hostPort: 0}]') },
    { name: 'ports not a list', yaml: pod('8080') },
  ],
  invalid: [
    {
      name: 'hostPort',
      yaml: pod('[{containerPort: 8080}, {containerPort: 9090, hostPort: 9090}]'),
      findings: [
        { message: 'container "app" binds host port 9090', path: 'spec.containers[0].ports[1].hostPort' },
      ],
    },
  ],
});

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

testCheck(containerPrivilegedPort, {
  valid: [
    { name: '8080', yaml: pod('[{containerPort: 8080}]') },
    { name: '1024', yaml: pod('[{containerPort: 1024}]') },
    { name: 'string port', yaml: pod('[{containerPort: "80"}]') },
  ],
  invalid: [
    {
      name: '80',
      yaml: pod('[{containerPort: 80}]'),
      findings: [{ message: 'container "app" listens on port 80' }],
    },
  ],
});
