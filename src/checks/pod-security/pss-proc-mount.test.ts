import { testCheck } from '../../../test/support/check-tester.ts';
import { pssProcMount } from './pss-proc-mount.ts';

const pod = (procMount: string, hostUsers = '') => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
${hostUsers}  containers:
    - name: app
      image: "app:1"
      securityContext: {procMount: ${procMount}}
`;
const userNs = '  hostUsers: false\n';

testCheck(pssProcMount, {
  valid: [
    { name: 'Default', yaml: pod('Default'), settings: { podSecurityLevel: 'baseline' } },
    { name: 'unset', yaml: pod('null'), settings: { podSecurityLevel: 'baseline' } },
    {
      name: 'Unmasked in a user namespace from v1.35',
      yaml: pod('Unmasked', userNs),
      settings: { podSecurityLevel: 'baseline', kubeVersion: '1.35' },
    },
    {
      name: 'at restricted from v1.35 the restricted control replaces it',
      yaml: pod('Unmasked'),
      settings: { podSecurityLevel: 'restricted', kubeVersion: '1.35' },
    },
  ],
  invalid: [
    {
      name: 'Unmasked in a user namespace before v1.35',
      yaml: pod('Unmasked', userNs),
      settings: { podSecurityLevel: 'baseline', kubeVersion: '1.34' },
      findings: [
        {
          message: 'procMount (container "app" must not set securityContext.procMount to "Unmasked")',
          path: 'spec.containers[0].securityContext.procMount',
          line: 9,
        },
      ],
    },
    {
      name: 'Unmasked on the host user namespace at v1.35',
      yaml: pod('Unmasked', '  hostUsers: true\n'),
      settings: { podSecurityLevel: 'baseline', kubeVersion: '1.35' },
      findings: [{ message: /procMount/ }],
    },
    {
      name: 'at restricted before v1.35 the baseline control applies',
      yaml: pod('Unmasked'),
      settings: { podSecurityLevel: 'restricted', kubeVersion: '1.34' },
      findings: [{ message: /procMount/ }],
    },
  ],
});
