import { testCheck } from '../../../test/support/check-tester.ts';
import { binding, group, role } from '../../../test/support/rbac-yaml.ts';
import { rbacBindingPrivilegeEscalation } from './rbac-binding-privilege-escalation.ts';

const RBAC = 'rbac.authorization.k8s.io';

testCheck(rbacBindingPrivilegeEscalation, {
  valid: [
    {
      name: 'edit in a namespace: its designed power, reported once by rbac-binding-pod-exec-attach',
      yaml: binding('RoleBinding', 'b', 'ClusterRole', 'edit', [group('system:serviceaccounts:dev')]),
    },
    {
      name: 'cluster-admin: reported once by rbac-cluster-admin-binding',
      yaml: binding('ClusterRoleBinding', 'b', 'ClusterRole', 'cluster-admin'),
    },
    {
      name: 'write roles without bind or escalate',
      yaml:
        binding('RoleBinding', 'b', 'Role', 'r') +
        role('Role', 'r', [
          `{apiGroups: [${RBAC}], resources: [roles, rolebindings], verbs: [create, update]}`,
        ]),
    },
    {
      name: 'bind limited to the view role (delegation)',
      yaml:
        binding('RoleBinding', 'b', 'Role', 'r') +
        role('Role', 'r', [
          `{apiGroups: [${RBAC}], resources: [clusterroles], verbs: [bind], resourceNames: [view]}`,
        ]),
    },
    {
      name: 'impersonating users or groups is cluster-scoped: inert through a RoleBinding',
      yaml:
        binding('RoleBinding', 'b', 'Role', 'r') +
        role('Role', 'r', ['{apiGroups: [""], resources: [users, groups], verbs: [impersonate]}']),
    },
    {
      name: 'impersonate in the wrong group',
      yaml:
        binding('RoleBinding', 'b', 'Role', 'r') +
        role('Role', 'r', ['{apiGroups: [apps], resources: [users], verbs: [impersonate]}']),
    },
  ],
  invalid: [
    {
      name: 'bind and escalate cluster-wide',
      yaml:
        binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r') +
        role('ClusterRole', 'r', [
          `{apiGroups: [${RBAC}], resources: [clusterroles], verbs: [bind, escalate]}`,
        ]),
      findings: [
        {
          message:
            'ClusterRoleBinding "b" binds ClusterRole "r", which grants escalate, bind, to ServiceAccount dev/ci',
          severity: 'critical',
        },
      ],
    },
    {
      name: 'impersonate ServiceAccounts through a RoleBinding is one step lower',
      yaml:
        binding('RoleBinding', 'b', 'Role', 'r') +
        role('Role', 'r', ['{apiGroups: [""], resources: [serviceaccounts], verbs: [impersonate]}']),
      findings: [{ message: /which grants impersonate, to/, severity: 'high' }],
    },
    {
      name: 'the built-in edit role cluster-wide impersonates every ServiceAccount',
      yaml: binding('ClusterRoleBinding', 'b', 'ClusterRole', 'edit', [group('devs')]),
      findings: [
        {
          message:
            'ClusterRoleBinding "b" binds default ClusterRole "edit", which grants impersonate, to Group devs',
          severity: 'critical',
        },
      ],
    },
  ],
});
