import { testCheck } from '../../../test/support/check-tester.ts';
import { pssProcMountRestricted } from './pss-proc-mount-restricted.ts';

const pod = (procMount: string) => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostUsers: false
  containers:
    - name: app
      image: "app:1"
      securityContext: {procMount: ${procMount}}
`;
const at = (kubeVersion: string) => ({ podSecurityLevel: 'restricted', kubeVersion }) as const;

testCheck(pssProcMountRestricted, {
  valid: [
    { name: 'Default', yaml: pod('Default'), settings: at('1.35') },
    {
      name: 'does not exist before v1.35 (the baseline control covers it)',
      yaml: pod('Unmasked'),
      settings: at('1.34'),
    },
    {
      name: 'not evaluated at baseline',
      yaml: pod('Unmasked'),
      settings: { podSecurityLevel: 'baseline', kubeVersion: '1.35' },
    },
  ],
  invalid: [
    {
      name: 'Unmasked in a user namespace is still forbidden at restricted',
      yaml: pod('Unmasked'),
      settings: at('1.35'),
      findings: [
        {
          message: 'procMount (container "app" must not set securityContext.procMount to "Unmasked")',
          path: 'spec.containers[0].securityContext.procMount',
          line: 9,
        },
      ],
    },
  ],
});
