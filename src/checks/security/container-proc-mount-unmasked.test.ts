import { testCheck } from '../../../test/support/check-tester.ts';
import { containerProcMountUnmasked } from './container-proc-mount-unmasked.ts';

const pod = (sc: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, securityContext: ${sc}}]
`;

testCheck(containerProcMountUnmasked, {
  valid: [
    { name: 'unset', yaml: pod('{}') },
    { name: 'Default', yaml: pod('{procMount: Default}') },
  ],
  invalid: [
    {
      name: 'Unmasked',
      yaml: pod('{procMount: Unmasked}'),
      findings: [
        {
          message: 'container "app" sets procMount: Unmasked',
          path: 'spec.containers[0].securityContext.procMount',
        },
      ],
    },
  ],
});
