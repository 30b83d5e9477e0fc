import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runCheckOn, testCheck } from '../../../test/support/check-tester.ts';
import { pssSeccompProfileRestricted } from './pss-seccomp-profile-restricted.ts';

const pod = (podProfile: string, appProfile: string, extra = '') => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
${extra}  securityContext: {seccompProfile: ${podProfile}}
  containers:
    - name: app
      image: "app:1"
      securityContext: {seccompProfile: ${appProfile}}
`;
const at = (kubeVersion: string) => ({ podSecurityLevel: 'restricted', kubeVersion }) as const;
const windows = '  os: {name: windows}\n';

testCheck(pssSeccompProfileRestricted, {
  valid: [
    { name: 'pod RuntimeDefault', yaml: pod('{type: RuntimeDefault}', 'null'), settings: at('1.30') },
    {
      name: 'container Localhost',
      yaml: pod('null', '{type: Localhost, localhostProfile: p.json}'),
      settings: at('1.19'),
    },
    { name: 'not required before v1.19', yaml: pod('null', 'null'), settings: at('1.18') },
    { name: 'Windows pods are exempt from v1.25', yaml: pod('null', 'null', windows), settings: at('1.25') },
  ],
  invalid: [
    {
      name: 'unset',
      yaml: pod('null', 'null'),
      settings: at('1.19'),
      findings: [
        {
          message:
            'seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
          path: 'spec.securityContext.seccompProfile',
          line: 5,
        },
      ],
    },
    {
      name: 'Unconfined container under a RuntimeDefault pod',
      yaml: pod('{type: RuntimeDefault}', '{type: Unconfined}'),
      settings: at('1.30'),
      findings: [
        {
          message:
            'seccompProfile (container "app" must not set securityContext.seccompProfile.type to "Unconfined")',
          path: 'spec.containers[0].securityContext.seccompProfile.type',
        },
      ],
    },
    {
      name: 'Unconfined pod is reported once',
      yaml: pod('{type: Unconfined}', 'null'),
      settings: at('1.30'),
      findings: [{ path: 'spec.securityContext.seccompProfile.type' }],
    },
    {
      name: 'Windows pods are not exempt before v1.25',
      yaml: pod('null', 'null', windows),
      settings: at('1.24'),
      findings: [{}],
    },
  ],
});

it('pss-seccomp-profile-restricted offers RuntimeDefault at pod level only when it is unset', () => {
  const fixOf = (podProfile: string, extra = '') => {
    const findings = runCheckOn(pssSeccompProfileRestricted, {
      name: 'fix',
      yaml: pod(podProfile, 'null', extra),
      settings: at('1.24'),
    });
    assert.equal(findings.length, 1, 'the case must fire');
    return findings[0]?.fix;
  };
  assert.deepEqual(fixOf('null')?.edits, [
    { op: 'set', path: ['spec', 'securityContext', 'seccompProfile'], value: { type: 'RuntimeDefault' } },
  ]);
  assert.equal(fixOf('{type: Unconfined}'), undefined);
  assert.equal(fixOf('null', windows), undefined, 'Windows pods may not set a seccomp profile');
});
