import { testCheck } from '../../../test/support/check-tester.ts';
import { rbacBindingPodExecAttach } from './rbac-binding-pod-exec-attach.ts';

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
const FULL = '{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}';

testCheck(rbacBindingPodExecAttach, {
  valid: [
    {
      name: 'role without exec',
      yaml:
        binding('RoleBinding', 'b', 'Role', 'r') +
        role('Role', 'r', '{apiGroups: [""], resources: [pods], verbs: [get, create]}'),
    },
    { name: 'default view role', yaml: binding('RoleBinding', 'b', 'ClusterRole', 'view') },
    {
      name: 'system binding',
      yaml: binding('ClusterRoleBinding', 'system:x', 'ClusterRole', 'r') + role('ClusterRole', 'r', FULL),
    },
    {
      name: 'missing role in a whole cluster grants nothing',
      complete: true,
      yaml: binding('RoleBinding', 'b', 'Role', 'gone'),
    },
  ],
  invalid: [
    {
      name: 'binding to a role allowing exec',
      yaml:
        binding('RoleBinding', 'b', 'Role', 'r') +
        role('Role', 'r', '{apiGroups: [""], resources: [pods/exec], verbs: [create]}'),
      findings: [
        {
          message: 'RoleBinding "b" binds Role "r", which allows pods/exec, to ServiceAccount dev/ci',
          path: 'roleRef.name',
        },
      ],
    },
    {
      name: 'RoleBinding to the default edit ClusterRole',
      yaml: binding('RoleBinding', 'b', 'ClusterRole', 'edit'),
      findings: [
        {
          message:
            'RoleBinding "b" binds default ClusterRole "edit", which allows pods/exec, to ServiceAccount dev/ci',
        },
      ],
    },
    {
      name: 'role not in the input is info',
      yaml: binding('ClusterRoleBinding', 'b', 'ClusterRole', 'custom'),
      findings: [{ message: /which is not in the input/, severity: 'info' }],
    },
  ],
});
