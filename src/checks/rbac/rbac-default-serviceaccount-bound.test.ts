import { testCheck } from '../../../test/support/check-tester.ts';
import { binding, role } from '../../../test/support/rbac-yaml.ts';
import { rbacDefaultServiceaccountBound } from './rbac-default-serviceaccount-bound.ts';

const DEFAULT_SA = '{kind: ServiceAccount, name: default}';

testCheck(rbacDefaultServiceaccountBound, {
  valid: [
    { name: 'a named ServiceAccount', yaml: binding('RoleBinding', 'b', 'ClusterRole', 'view') },
    {
      name: 'a role with no rules',
      yaml: binding('RoleBinding', 'b', 'Role', 'r', [DEFAULT_SA]) + role('Role', 'r', []),
    },
  ],
  invalid: [
    {
      name: 'the default ServiceAccount of the binding’s namespace',
      yaml: binding('RoleBinding', 'b', 'ClusterRole', 'view', [DEFAULT_SA]),
      findings: [
        {
          message:
            'RoleBinding "b" gives default ClusterRole "view" in namespace "dev" to the default ServiceAccount of namespace "dev", so to every pod there that names no ServiceAccount',
          path: 'subjects[0]',
        },
      ],
    },
  ],
});
