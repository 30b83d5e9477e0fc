import { testCheck } from '../../../test/support/check-tester.ts';
import { containerHostPort } from './container-host-port.ts';

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
