import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runCheckOn, testCheck } from '../../../test/support/check-tester.ts';
import { containerCapabilitiesNotDropped } from './container-capabilities-not-dropped.ts';

const pod = (sc: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, securityContext: ${sc}}]
`;
const DEFAULTS =
  'AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, NET_RAW, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT';

testCheck(containerCapabilitiesNotDropped, {
  valid: [
    { name: 'drops ALL', yaml: pod('{capabilities: {drop: [ALL]}}') },
    { name: 'drops all, lower case', yaml: pod('{capabilities: {drop: [all]}}') },
    {
      name: 'drops every default one by one (CAP_ prefix allowed)',
      yaml: pod(`{capabilities: {drop: [${DEFAULTS.replace('NET_RAW', 'CAP_NET_RAW')}]}}`),
    },
    {
      name: 'params only require NET_RAW',
      yaml: pod('{capabilities: {drop: [NET_RAW]}}'),
      params: { mustDrop: ['NET_RAW'] },
    },
  ],
  invalid: [
    {
      name: 'no capabilities',
      yaml: pod('{}'),
      findings: [{ message: 'container "app" does not drop ALL capabilities' }],
    },
    {
      name: 'drops some',
      yaml: pod('{capabilities: {drop: [NET_RAW, CHOWN]}}'),
      findings: [
        {
          message: /keeps AUDIT_WRITE, DAC_OVERRIDE, FOWNER, FSETID, …\)$/,
          path: 'spec.containers[0].securityContext.capabilities.drop',
        },
      ],
    },
    {
      name: 'pod-level capabilities are not part of the API',
      yaml: pod('null').replace('spec:\n', 'spec:\n  securityContext: {capabilities: {drop: [ALL]}}\n'),
      findings: [{ message: /does not drop ALL/ }],
    },
  ],
});

it('container-capabilities-not-dropped: fix appends ALL to an existing drop list, or sets one', () => {
  const [a] = runCheckOn(containerCapabilitiesNotDropped, {
    name: 'a',
    yaml: pod('{capabilities: {drop: [NET_RAW]}}'),
  });
  assert.deepEqual(a?.fix?.edits, [
    {
      op: 'append',
      path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'drop'],
      value: 'ALL',
    },
  ]);
  const [b] = runCheckOn(containerCapabilitiesNotDropped, { name: 'b', yaml: pod('{}') });
  assert.deepEqual(b?.fix?.edits, [
    { op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'drop'], value: ['ALL'] },
  ]);
});
