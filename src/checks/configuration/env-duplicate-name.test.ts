import { testCheck } from '../../../test/support/check-tester.ts';
import { envDuplicateName } from './env-duplicate-name.ts';

const pod = (env: string, init = '') => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      image: "a:1"
      env: ${env}
${init}`;

testCheck(envDuplicateName, {
  valid: [
    { name: 'distinct names', yaml: pod('[{name: A, value: "1"}, {name: B, value: "2"}]') },
    {
      name: 'same name in two containers',
      yaml: pod(
        '[{name: A, value: "1"}]',
        '  initContainers: [{name: i, image: "i:1", env: [{name: A, value: "2"}]}]',
      ),
    },
    { name: 'case matters', yaml: pod('[{name: port, value: "1"}, {name: PORT, value: "2"}]') },
    { name: 'odd entries', yaml: pod('[null, 3, {value: x}, {name: A}]') },
  ],
  invalid: [
    {
      name: 'duplicate reported once, at the entry that wins',
      yaml: pod(
        '[{name: PORT, value: "80"}, {name: HOST, value: h}, {name: PORT, value: "8080"}, {name: PORT, value: "9090"}]',
      ),
      findings: [
        {
          message: 'container "app" defines the environment variable "PORT" more than once',
          path: 'spec.containers[0].env[3]',
        },
      ],
    },
    {
      name: 'valueFrom duplicate in init container',
      yaml: pod(
        '[]',
        '  initContainers: [{name: i, image: "i:1", env: [{name: T, value: a}, {name: T, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]}]',
      ),
      findings: [{ path: 'spec.initContainers[0].env[1]' }],
    },
  ],
});
