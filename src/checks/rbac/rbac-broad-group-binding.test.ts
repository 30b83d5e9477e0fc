import { testCheck } from '../../../test/support/check-tester.ts';
import { binding, group, role, SA_CI, user } from '../../../test/support/rbac-yaml.ts';
import { rbacBroadGroupBinding } from './rbac-broad-group-binding.ts';

const READ = '{apiGroups: [""], resources: [configmaps], verbs: [get]}';

testCheck(rbacBroadGroupBinding, {
  valid: [
    {
      name: 'a named group',
      yaml: binding('ClusterRoleBinding', 'b', 'ClusterRole', 'view', [group('devs')]),
    },
    {
      name: 'the discovery roles the API server binds to everyone',
      yaml: binding('ClusterRoleBinding', 'my-discovery', 'ClusterRole', 'system:discovery', [
        group('system:unauthenticated'),
      ]),
    },
    { name: 'a ServiceAccount', yaml: binding('RoleBinding', 'b', 'ClusterRole', 'view', [SA_CI]) },
  ],
  invalid: [
    {
      name: 'cluster-admin to anonymous, even under a system: name',
      yaml: binding('ClusterRoleBinding', 'system:oops', 'ClusterRole', 'cluster-admin', [
        user('system:anonymous'),
      ]),
      findings: [
        {
          message:
            'ClusterRoleBinding "system:oops" gives default ClusterRole "cluster-admin" across the cluster to User system:anonymous: anonymous requests',
          severity: 'critical',
          path: 'subjects[0]',
        },
      ],
    },
    {
      name: 'every authenticated user',
      yaml:
        binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r', [group('system:authenticated')]) +
        role('ClusterRole', 'r', [READ]),
      findings: [{ message: /to Group system:authenticated: every authenticated user/, severity: 'high' }],
    },
    {
      name: 'one namespace’s ServiceAccounts is medium',
      yaml: binding('RoleBinding', 'b', 'ClusterRole', 'edit', [SA_CI, group('system:serviceaccounts:dev')]),
      findings: [
        {
          message:
            /in namespace "dev" to Group system:serviceaccounts:dev: every ServiceAccount of namespace "dev"/,
          severity: 'medium',
          path: 'subjects[1]',
        },
      ],
    },
    {
      name: 'a role not in the input is info',
      yaml: binding('ClusterRoleBinding', 'b', 'ClusterRole', 'custom', [group('system:serviceaccounts')]),
      findings: [
        { message: /gives ClusterRole "custom" \(not in the input\) across the cluster/, severity: 'info' },
      ],
    },
  ],
});
