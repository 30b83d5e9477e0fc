import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runCheckOn, testCheck } from '../../../test/support/check-tester.ts';
import { containerPrivilegeEscalationAllowed } from './container-privilege-escalation-allowed.ts';

const pod = (container: string, podLevel = '') => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
${podLevel}  containers:
    - name: app
${container}`;

testCheck(containerPrivilegeEscalationAllowed, {
  valid: [
    { name: 'set to false', yaml: pod('      securityContext: {allowPrivilegeEscalation: false}\n') },
    { name: 'windows pod', yaml: pod('', '  os: {name: windows}\n') },
    {
      name: 'container is a string',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [nope]}\n',
    },
  ],
  invalid: [
    {
      name: 'unset (defaults to allowed)',
      yaml: pod(''),
      findings: [
        { message: 'container "app" does not set allowPrivilegeEscalation: false', severity: 'medium' },
      ],
    },
    {
      name: 'pod-level false has no effect',
      yaml: pod('', '  securityContext: {allowPrivilegeEscalation: false}\n'),
      findings: [{ message: /does not set allowPrivilegeEscalation: false/ }],
    },
    {
      name: 'explicitly true',
      yaml: pod('      securityContext: {allowPrivilegeEscalation: true}\n'),
      findings: [{ message: 'container "app" sets allowPrivilegeEscalation: true', severity: 'high' }],
    },
    {
      name: 'false but SYS_ADMIN added',
      yaml: pod(
        '      securityContext: {allowPrivilegeEscalation: false, capabilities: {add: [CAP_SYS_ADMIN]}}\n',
      ),
      findings: [
        {
          message: /adds CAP_SYS_ADMIN/,
          severity: 'high',
          path: 'spec.containers[0].securityContext.capabilities.add',
        },
      ],
    },
    {
      name: 'privileged',
      yaml: pod('      securityContext: {privileged: true}\n'),
      findings: [{ message: /is privileged, which always allows privilege escalation/ }],
    },
  ],
});

it('container-privilege-escalation-allowed: fix sets the container field, creating maps', () => {
  const [finding] = runCheckOn(containerPrivilegeEscalationAllowed, { name: 'fix', yaml: pod('') });
  assert.deepEqual(finding?.fix?.edits, [
    {
      op: 'set',
      path: ['spec', 'containers', 0, 'securityContext', 'allowPrivilegeEscalation'],
      value: false,
    },
  ]);
});
