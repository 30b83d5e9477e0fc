import { testCheck } from '../../../test/support/check-tester.ts';
import { containerRootFilesystemWritable } from './container-root-filesystem-writable.ts';

const pod = (sc: string, podSc = '') => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
${podSc}  containers: [{name: app, securityContext: ${sc}}]
`;

testCheck(containerRootFilesystemWritable, {
  valid: [
    { name: 'read-only', yaml: pod('{readOnlyRootFilesystem: true}') },
    { name: 'windows', yaml: pod('{}', '  os: {name: windows}\n') },
  ],
  invalid: [
    {
      name: 'unset',
      yaml: pod('{}'),
      findings: [{ message: 'container "app" does not set readOnlyRootFilesystem: true' }],
    },
    {
      name: 'false',
      yaml: pod('{readOnlyRootFilesystem: false}'),
      findings: [
        {
          message: 'container "app" sets readOnlyRootFilesystem: false',
          path: 'spec.containers[0].securityContext.readOnlyRootFilesystem',
        },
      ],
    },
    {
      name: 'pod-level true has no effect',
      yaml: pod('null', '  securityContext: {readOnlyRootFilesystem: true}\n'),
      findings: [{ message: /does not set/ }],
    },
  ],
});
