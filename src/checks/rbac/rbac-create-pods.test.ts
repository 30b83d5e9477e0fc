import { testCheck } from '../../../test/support/check-tester.ts';
import { rbacCreatePods } from './rbac-create-pods.ts';

const binding = (kind: string, name: string, roleKind: string, roleName: string) => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: "${name}"${kind === 'RoleBinding' ? ', namespace: dev' : ''}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: "${roleName}"}
subjects: [{kind: ServiceAccount, name: ci, namespace: dev}]
`;
const role = (kind: string, name: string, rule: string, extra = '') => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: "${name}"${kind === 'Role' ? ', namespace: dev' : ''}${extra}}
rules: [${rule}]
`;

testCheck(rbacCreatePods, {
  valid: [
    {
      name: 'get pods',
      yaml:
        binding('RoleBinding', 'b', 'Role', 'r') +
        role('Role', 'r', '{apiGroups: [""], resources: [pods], verbs: [get]}'),
    },
    {
      name: 'deployments in the core group do not exist',
      yaml:
        binding('RoleBinding', 'b', 'Role', 'r') +
        role('Role', 'r', '{apiGroups: [""], resources: [deployments], verbs: [create]}'),
    },
  ],
  invalid: [
    {
      name: 'create deployments and jobs',
      yaml:
        binding('RoleBinding', 'b', 'Role', 'r') +
        role('Role', 'r', '{apiGroups: [apps, batch], resources: [deployments, jobs], verbs: [create]}'),
      findings: [
        {
          message:
            'RoleBinding "b" binds Role "r", which can create deployments, jobs, to ServiceAccount dev/ci',
        },
      ],
    },
  ],
});
