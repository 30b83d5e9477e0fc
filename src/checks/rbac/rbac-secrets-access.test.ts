import { testCheck } from '../../../test/support/check-tester.ts';
import { rbacSecretsAccess } from './rbac-secrets-access.ts';

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

testCheck(rbacSecretsAccess, {
  valid: [
    {
      name: 'pods only',
      yaml:
        binding('RoleBinding', 'b', 'Role', 'r') +
        role('Role', 'r', '{apiGroups: [""], resources: [pods], verbs: [get]}'),
    },
    {
      name: 'named secret only',
      yaml:
        binding('RoleBinding', 'b', 'Role', 'r') +
        role('Role', 'r', '{apiGroups: [""], resources: [secrets], verbs: [get], resourceNames: [tls]}'),
    },
    {
      name: 'create only',
      yaml:
        binding('RoleBinding', 'b', 'Role', 'r') +
        role('Role', 'r', '{apiGroups: [""], resources: [secrets], verbs: [create]}'),
    },
  ],
  invalid: [
    {
      name: 'list secrets',
      yaml:
        binding('RoleBinding', 'b', 'Role', 'r') +
        role('Role', 'r', '{apiGroups: [""], resources: [secrets], verbs: [list, watch]}'),
      findings: [
        { message: 'RoleBinding "b" binds Role "r", which can list/watch Secrets, to ServiceAccount dev/ci' },
      ],
    },
    {
      name: 'default admin',
      yaml: binding('RoleBinding', 'b', 'ClusterRole', 'admin'),
      findings: [{ message: /default ClusterRole "admin", which reads Secrets/ }],
    },
  ],
});
