import { testCheck } from '../../../test/support/check-tester.ts';
import { sccPrivilegedAllowed } from './scc-privileged-allowed.ts';

const scc = (value: string) => `
apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata: {name: s}
allowPrivilegedContainer: ${value}
users: [system:serviceaccount:ci:builder]
`;

testCheck(sccPrivilegedAllowed, {
  valid: [
    { name: 'false', yaml: scc('false') },
    { name: 'string', yaml: scc('"true"') },
  ],
  invalid: [
    {
      name: 'true',
      yaml: scc('true'),
      findings: [
        {
          message: 'SecurityContextConstraints "s" sets allowPrivilegedContainer: true',
          path: 'allowPrivilegedContainer',
          line: 5,
        },
      ],
    },
  ],
});
