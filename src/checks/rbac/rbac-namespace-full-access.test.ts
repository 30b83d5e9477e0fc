import { testCheck } from '../../../test/support/check-tester.ts';
import { rbacNamespaceFullAccess } from './rbac-namespace-full-access.ts';

const binding = (
  name: string,
  roleKind: string,
  roleName: string,
  ns = 'dev',
  subject = '{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}',
) => `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: "${name}", namespace: ${ns}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: "${roleName}"}
subjects: [${subject}]
`;
const role = (name: string, rule: string, ns = 'dev') => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: "${name}", namespace: ${ns}}
rules: [${rule}]
`;
const FULL = '{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}';

testCheck(rbacNamespaceFullAccess, {
  valid: [
    { name: 'the built-in admin role is not every permission', yaml: binding('b', 'ClusterRole', 'admin') },
    {
      name: 'core group only',
      yaml: binding('b', 'Role', 'r') + role('r', '{apiGroups: [""], resources: ["*"], verbs: ["*"]}'),
    },
    {
      name: 'the wildcard Role of another namespace is another role',
      yaml: binding('b', 'Role', 'r') + role('r', FULL, 'prod'),
    },
    { name: 'system binding', yaml: binding('system:x', 'ClusterRole', 'cluster-admin') },
  ],
  invalid: [
    {
      name: 'RoleBinding to cluster-admin',
      yaml: binding('b', 'ClusterRole', 'cluster-admin'),
      findings: [
        {
          message:
            'RoleBinding "b" grants every permission in namespace "dev" to User alice through default ClusterRole "cluster-admin"',
          path: 'roleRef.name',
          severity: 'high',
        },
      ],
    },
    {
      name: 'RoleBinding to a wildcard Role, all verbs spelled out',
      yaml:
        binding('b', 'Role', 'r') +
        role(
          'r',
          '{apiGroups: ["*"], resources: ["*"], verbs: [get, list, watch, create, update, patch, delete]}',
        ),
      findings: [{ message: /through Role "r"$/, severity: 'high' }],
    },
    {
      name: 'in kube-system it is critical',
      yaml: binding('b', 'Role', 'r', 'kube-system') + role('r', FULL, 'kube-system'),
      findings: [{ message: /namespace "kube-system"/, severity: 'critical' }],
    },
    {
      name: 'to every ServiceAccount of the namespace it is critical',
      yaml:
        binding(
          'b',
          'Role',
          'r',
          'dev',
          '{kind: Group, name: "system:serviceaccounts:dev", apiGroup: rbac.authorization.k8s.io}',
        ) + role('r', FULL),
      findings: [{ message: /to Group system:serviceaccounts:dev/, severity: 'critical' }],
    },
  ],
});
