import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runCheckOn, testCheck } from '../../../test/support/check-tester.ts';
import { pssPrivilegeEscalation } from './pss-privilege-escalation.ts';

const pod = (spec: string, appContext: string) => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
${spec}  containers:
    - name: app
      image: "app:1"
      securityContext: ${appContext}
`;
const at = (kubeVersion: string) => ({ podSecurityLevel: 'restricted', kubeVersion }) as const;
const windows = '  os: {name: windows}\n';

testCheck(pssPrivilegeEscalation, {
  valid: [
    { name: 'false everywhere', yaml: pod('', '{allowPrivilegeEscalation: false}'), settings: at('1.30') },
    { name: 'not required before v1.8', yaml: pod('', 'null'), settings: at('1.7') },
    { name: 'Windows pods are exempt from v1.25', yaml: pod(windows, 'null'), settings: at('1.25') },
    { name: 'not evaluated at baseline', yaml: pod('', 'null'), settings: { podSecurityLevel: 'baseline' } },
  ],
  invalid: [
    {
      name: 'unset at v1.8',
      yaml: pod('', 'null'),
      settings: at('1.8'),
      findings: [
        {
          message:
            'allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)',
          path: 'spec.containers[0].securityContext.allowPrivilegeEscalation',
          line: 8,
        },
      ],
    },
    {
      name: 'explicitly true',
      yaml: pod('', '{allowPrivilegeEscalation: true}'),
      settings: at('1.30'),
      findings: [{}],
    },
    {
      name: 'Windows pods are not exempt before v1.25',
      yaml: pod(windows, 'null'),
      settings: at('1.24'),
      findings: [{}],
    },
    {
      name: 'init container of a Job',
      yaml: `apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers: [{name: init, image: "app:1"}]
      containers: [{name: app, image: "app:1", securityContext: {allowPrivilegeEscalation: false}}]
`,
      settings: at('1.33'),
      findings: [{ path: 'spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation' }],
    },
  ],
});

it('pss-privilege-escalation offers the fix only where the edited pod stays valid', () => {
  const fixOf = (context: string, spec = '') => {
    const findings = runCheckOn(pssPrivilegeEscalation, {
      name: 'fix',
      yaml: pod(spec, context),
      settings: at('1.24'),
    });
    assert.equal(findings.length, 1, 'the case must fire');
    return findings[0]?.fix;
  };
  assert.deepEqual(fixOf('null')?.edits, [
    {
      op: 'set',
      path: ['spec', 'containers', 0, 'securityContext', 'allowPrivilegeEscalation'],
      value: false,
    },
  ]);
  assert.equal(fixOf('{allowPrivilegeEscalation: true}'), undefined, 'an explicit choice is not overwritten');
  assert.equal(fixOf('{privileged: true}'), undefined, 'privileged forbids allowPrivilegeEscalation=false');
  assert.equal(fixOf('{capabilities: {add: [SYS_ADMIN]}}'), undefined, 'so does CAP_SYS_ADMIN');
  assert.equal(fixOf('null', windows), undefined, 'Windows pods may not set allowPrivilegeEscalation');
});
