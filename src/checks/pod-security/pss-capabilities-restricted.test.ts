import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runCheckOn, testCheck } from '../../../test/support/check-tester.ts';
import { pssCapabilitiesRestricted } from './pss-capabilities-restricted.ts';

const pod = (capabilities: string, extra = '') => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
${extra}  containers:
    - name: app
      image: "app:1"
      securityContext: {capabilities: ${capabilities}}
`;
const at = (kubeVersion: string) => ({ podSecurityLevel: 'restricted', kubeVersion }) as const;
const windows = '  os: {name: windows}\n';

testCheck(pssCapabilitiesRestricted, {
  valid: [
    {
      name: 'drop ALL, add NET_BIND_SERVICE',
      yaml: pod('{drop: [ALL], add: [NET_BIND_SERVICE]}'),
      settings: at('1.30'),
    },
    { name: 'not required before v1.22', yaml: pod('null'), settings: at('1.21') },
    { name: 'Windows pods are exempt from v1.25', yaml: pod('null', windows), settings: at('1.25') },
    { name: 'not evaluated at baseline', yaml: pod('null'), settings: { podSecurityLevel: 'baseline' } },
  ],
  invalid: [
    {
      name: 'no capabilities at v1.22',
      yaml: pod('null'),
      settings: at('1.22'),
      findings: [
        {
          message:
            'unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"])',
          path: 'spec.containers[0].securityContext.capabilities.drop',
          line: 8,
        },
      ],
    },
    {
      name: 'drop list without ALL (case-sensitive) and a forbidden add',
      yaml: pod('{drop: [all, NET_RAW], add: [NET_BIND_SERVICE, CHOWN]}'),
      settings: at('1.30'),
      findings: [
        { path: 'spec.containers[0].securityContext.capabilities.drop' },
        {
          message:
            'unrestricted capabilities (container "app" must not include "CHOWN" in securityContext.capabilities.add)',
          path: 'spec.containers[0].securityContext.capabilities.add[1]',
        },
      ],
    },
    {
      name: 'Windows pods are not exempt before v1.25',
      yaml: pod('null', windows),
      settings: at('1.24'),
      findings: [{}],
    },
  ],
});

it('pss-capabilities-restricted fixes by setting or appending ALL', () => {
  const fixOf = (capabilities: string) => {
    const findings = runCheckOn(pssCapabilitiesRestricted, {
      name: 'fix',
      yaml: pod(capabilities),
      settings: at('1.30'),
    });
    assert.equal(findings.length, 1, 'the case must fire');
    return findings[0]?.fix;
  };
  const drop = ['spec', 'containers', 0, 'securityContext', 'capabilities', 'drop'];
  assert.deepEqual(fixOf('null')?.edits, [{ op: 'set', path: drop, value: ['ALL'] }]);
  assert.deepEqual(fixOf('{drop: [NET_RAW]}')?.edits, [{ op: 'append', path: drop, value: 'ALL' }]);
  assert.equal(fixOf('{drop: NET_RAW}'), undefined, 'a malformed drop list is left alone');
});
