import { testCheck } from '../../../test/support/check-tester.ts';
import { containerPrivilegedPort } from './container-privileged-port.ts';

const pod = (ports: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, ports: ${ports}}]
`;

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
