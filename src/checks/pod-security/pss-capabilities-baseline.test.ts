import { testCheck } from '../../../test/support/check-tester.ts';
import { pssCapabilitiesBaseline } from './pss-capabilities-baseline.ts';

const pod = (add: string) => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      image: "app:1"
      securityContext:
        capabilities: {add: ${add}}
`;

testCheck(pssCapabilitiesBaseline, {
  valid: [
    {
      name: 'capabilities of the default set',
      yaml: pod('[NET_BIND_SERVICE, CHOWN, SETUID, SYS_CHROOT]'),
      settings: { podSecurityLevel: 'baseline' },
    },
    { name: 'no add list', yaml: pod('null'), settings: { podSecurityLevel: 'baseline' } },
    {
      name: 'at restricted from v1.22 the restricted capabilities control replaces it',
      yaml: pod('[SYS_ADMIN]'),
      settings: { podSecurityLevel: 'restricted', kubeVersion: '1.22' },
    },
  ],
  invalid: [
    {
      name: 'NET_RAW and SYS_ADMIN',
      yaml: pod('[NET_RAW, CHOWN, SYS_ADMIN]'),
      settings: { podSecurityLevel: 'baseline', kubeVersion: '1.30' },
      findings: [
        {
          message:
            'non-default capabilities (container "app" must not include "NET_RAW" in securityContext.capabilities.add)',
          path: 'spec.containers[0].securityContext.capabilities.add[0]',
        },
        { path: 'spec.containers[0].securityContext.capabilities.add[2]', message: /"SYS_ADMIN"/ },
      ],
    },
    {
      name: 'names are case-sensitive',
      yaml: pod('[chown]'),
      settings: { podSecurityLevel: 'baseline' },
      findings: [{ message: /"chown"/ }],
    },
    {
      name: 'at restricted before v1.22 the baseline control still applies',
      yaml: pod('[SYS_ADMIN]'),
      settings: { podSecurityLevel: 'restricted', kubeVersion: '1.21' },
      findings: [{ message: /non-default capabilities/ }],
    },
  ],
});
