import { testCheck } from '../../../test/support/check-tester.ts';
import { containerCapabilitiesDangerous } from './container-capabilities-dangerous.ts';

const pod = (sc: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, securityContext: ${sc}}]
`;

testCheck(containerCapabilitiesDangerous, {
  valid: [
    { name: 'no capabilities', yaml: pod('{}') },
    { name: 'adds NET_BIND_SERVICE', yaml: pod('{capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}') },
    { name: 'drops SYS_ADMIN', yaml: pod('{capabilities: {drop: [SYS_ADMIN]}}') },
    { name: 'add is not a list', yaml: pod('{capabilities: {add: SYS_ADMIN}}') },
  ],
  invalid: [
    {
      name: 'adds SYS_ADMIN and NET_ADMIN',
      yaml: pod('{capabilities: {add: [SYS_ADMIN, NET_ADMIN, CHOWN]}}'),
      findings: [
        {
          message: 'container "app" adds capabilities SYS_ADMIN, NET_ADMIN',
          path: 'spec.containers[0].securityContext.capabilities.add',
        },
      ],
    },
    {
      name: 'adds all, any case',
      yaml: pod('{capabilities: {add: [All]}}'),
      findings: [{ message: 'container "app" adds capability ALL' }],
    },
    {
      name: 'CAP_ prefix',
      yaml: pod('{capabilities: {add: [CAP_SYS_PTRACE]}}'),
      findings: [{ message: /SYS_PTRACE/ }],
    },
  ],
});
