import { testCheck } from '../../../test/support/check-tester.ts';
import { rolebindingRoleMissing } from './rolebinding-role-missing.ts';

const rb = (kind: string, name: string, namespace = 'shop') => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: ${namespace}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${kind}, name: ${name}}
subjects: [{kind: ServiceAccount, name: web, namespace: shop}]
`;
const role = `---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: shop}
rules: []
`;
const crb = (name: string) => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crb}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${name}}
subjects: []
`;

testCheck(rolebindingRoleMissing, {
  valid: [
    { name: 'Role in the same namespace', yaml: role + rb('Role', 'reader') },
    { name: 'built-in view ClusterRole', yaml: rb('ClusterRole', 'view') },
    { name: 'system: ClusterRole', yaml: crb('system:auth-delegator') },
    {
      name: "the API server's own Role in kube-system (aggregated API servers bind it)",
      yaml: rb('Role', 'extension-apiserver-authentication-reader', 'kube-system'),
    },
    {
      name: 'ClusterRole in the set',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: metrics}
rules: []
${crb('metrics')}`,
    },
    {
      name: 'malformed roleRef',
      yaml: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: x}\nroleRef: 7\n',
    },
  ],
  invalid: [
    {
      name: "a built-in Role's name in another namespace is not the built-in Role",
      yaml: rb('Role', 'extension-apiserver-authentication-reader', 'shop'),
      findings: [{ message: /Role "extension-apiserver-authentication-reader", which is not in the input/ }],
    },
    {
      name: 'Role in another namespace',
      yaml: role + rb('Role', 'reader', 'other'),
      findings: [
        {
          message: 'roleRef references Role "reader", which is not in the input',
          path: 'roleRef.name',
          severity: 'info',
        },
      ],
    },
    {
      name: 'missing ClusterRole, complete set',
      complete: true,
      yaml: crb('metrics-reader'),
      findings: [
        { message: /ClusterRole "metrics-reader", which is not in the cluster/, severity: 'medium' },
      ],
    },
  ],
});
