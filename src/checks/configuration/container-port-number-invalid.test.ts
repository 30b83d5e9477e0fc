import { testCheck } from '../../../test/support/check-tester.ts';
import { containerPortNumberInvalid } from './container-port-number-invalid.ts';

const pod = (ports: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: app, image: "a:1", ports: ${ports}}]}
`;

testCheck(containerPortNumberInvalid, {
  valid: [
    { name: 'bounds', yaml: pod('[{containerPort: 1}, {containerPort: 65535, hostPort: 65535}]') },
    { name: 'hostPort 0 means unset', yaml: pod('[{containerPort: 80, hostPort: 0}]') },
    { name: 'strings are the schema check’s finding', yaml: pod('[{containerPort: "80"}]') },
  ],
  invalid: [
    {
      name: 'too large and zero',
      yaml: pod('[{containerPort: 123456}, {containerPort: 0}, {containerPort: 80, hostPort: -1}]'),
      findings: [
        {
          message: 'containerPort 123456 in container "app" must be between 1 and 65535',
          path: 'spec.containers[0].ports[0].containerPort',
        },
        { message: 'containerPort 0 in container "app" must be between 1 and 65535' },
        { message: 'hostPort -1 in container "app" must be between 1 and 65535' },
      ],
    },
  ],
});
