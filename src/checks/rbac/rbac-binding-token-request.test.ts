import { testCheck } from '../../../test/support/check-tester.ts';
import { binding, role } from '../../../test/support/rbac-yaml.ts';
import { rbacBindingTokenRequest } from './rbac-binding-token-request.ts';

testCheck(rbacBindingTokenRequest, {
  valid: [
    {
      name: 'read ServiceAccounts only',
      yaml:
        binding('RoleBinding', 'b', 'Role', 'r') +
        role('Role', 'r', ['{apiGroups: [""], resources: [serviceaccounts], verbs: [get, list]}']),
    },
    { name: 'the built-in view role', yaml: binding('RoleBinding', 'b', 'ClusterRole', 'view') },
  ],
  invalid: [
    {
      name: 'tokens for named ServiceAccounts are still their tokens',
      yaml:
        binding('RoleBinding', 'b', 'Role', 'r') +
        role('Role', 'r', [
          '{apiGroups: [""], resources: [serviceaccounts/token], verbs: [create], resourceNames: [deployer]}',
        ]),
      findings: [
        {
          message:
            'RoleBinding "b" binds Role "r", which can create ServiceAccount tokens, to ServiceAccount dev/ci',
          severity: 'medium',
        },
      ],
    },
    {
      name: 'cluster-wide',
      yaml:
        binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r') +
        role('ClusterRole', 'r', ['{apiGroups: [""], resources: ["*/token"], verbs: [create]}']),
      findings: [{ message: /can create ServiceAccount tokens/, severity: 'high' }],
    },
  ],
});
