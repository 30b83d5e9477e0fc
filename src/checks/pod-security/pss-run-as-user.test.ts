import { testCheck } from '../../../test/support/check-tester.ts';
import { pssRunAsUser } from './pss-run-as-user.ts';

const pod = (podUser: string, appUser: string, extra = '') => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
${extra}  securityContext: {runAsUser: ${podUser}}
  containers:
    - name: app
      image: "app:1"
      securityContext: {runAsUser: ${appUser}}
`;
const at = (kubeVersion: string) => ({ podSecurityLevel: 'restricted', kubeVersion }) as const;

testCheck(pssRunAsUser, {
  valid: [
    { name: 'non-zero and unset', yaml: pod('1000', 'null'), settings: at('1.30') },
    { name: 'not checked before v1.23', yaml: pod('0', '0'), settings: at('1.22') },
    {
      name: 'user namespace pods are exempt from v1.35',
      yaml: pod('0', '0', '  hostUsers: false\n'),
      settings: at('1.35'),
    },
  ],
  invalid: [
    {
      name: 'pod and container run as root at v1.23',
      yaml: pod('0', '0'),
      settings: at('1.23'),
      findings: [
        {
          message: 'runAsUser=0 (pod must not set runAsUser=0)',
          path: 'spec.securityContext.runAsUser',
          line: 5,
        },
        {
          message: 'runAsUser=0 (container "app" must not set runAsUser=0)',
          path: 'spec.containers[0].securityContext.runAsUser',
        },
      ],
    },
    {
      name: 'container overrides a non-zero pod value',
      yaml: pod('1000', '0'),
      settings: at('1.37'),
      findings: [{}],
    },
  ],
});
