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
      name: 'exec through get is closed from 1.35',
      settings: { kubeVersion: '1.35' },
      yaml:
        binding('RoleBinding', 'b', 'Role', 'r') +
        role('Role', 'r', '{apiGroups: [""], resources: [pods/exec], verbs: [get]}'),
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
            'RoleBinding "b" binds default ClusterRole "edit", which allows pods/exec and pods/attach, to ServiceAccount dev/ci',
          severity: 'medium',
        },
      ],
    },
    {
      name: 'a chart role aggregated into the built-in view brings exec to every view binding',
      yaml:
        binding('ClusterRoleBinding', 'b', 'ClusterRole', 'view') +
        role(
          'ClusterRole',
          'debug',
          '{apiGroups: [""], resources: [pods/exec], verbs: [create]}',
          ', labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}',
        ),
      findings: [
        {
          message:
            'ClusterRoleBinding "b" binds default ClusterRole "view", which allows pods/exec (aggregated from ClusterRole "debug"), to ServiceAccount dev/ci',
          severity: 'high',
        },
      ],
    },
    {
      name: 'everyone authenticated raises it',
      yaml:
        binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r').replace(
          '{kind: ServiceAccount, name: ci, namespace: dev}',
          '{kind: Group, name: system:authenticated, apiGroup: rbac.authorization.k8s.io}',
        ) + role('ClusterRole', 'r', '{apiGroups: [""], resources: [pods/attach], verbs: [get]}'),
      findings: [
        { message: /which allows pods\/attach, to Group system:authenticated/, severity: 'critical' },
      ],
    },
    {
      name: 'role not in the input is info',
      yaml: binding('ClusterRoleBinding', 'b', 'ClusterRole', 'custom'),
      findings: [{ message: /which is not in the input/, severity: 'info' }],
    },
  ],
});
