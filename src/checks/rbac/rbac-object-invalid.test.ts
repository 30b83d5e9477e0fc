import { testCheck } from '../../../test/support/check-tester.ts';
import { binding, role, SA_CI, user } from '../../../test/support/rbac-yaml.ts';
import { rbacObjectInvalid } from './rbac-object-invalid.ts';

testCheck(rbacObjectInvalid, {
  valid: [
    {
      name: 'defined twice in one file (object-duplicate says it)',
      yaml:
        binding('RoleBinding', 'b', 'ClusterRole', 'view', [SA_CI]) +
        binding('RoleBinding', 'b', 'ClusterRole', 'edit', [SA_CI]),
    },
    {
      name: 'a missing verbs field (schema validation says it)',
      yaml: role('Role', 'r', ['{apiGroups: [""], resources: [pods]}']),
    },
    {
      name: 'a valid role and binding',
      yaml:
        binding('RoleBinding', 'b', 'Role', 'r') +
        role('Role', 'r', ['{apiGroups: [""], resources: [pods], verbs: [get]}']),
    },
    {
      name: 'the same binding in two overlay directories is not a duplicate',
      yaml: binding('RoleBinding', 'b', 'ClusterRole', 'view'),
    },
  ],
  invalid: [
    {
      name: 'a rule with an empty verbs list and URL rules in a Role',
      yaml: role('Role', 'r', [
        '{apiGroups: [""], resources: [pods], verbs: []}',
        '{verbs: [get], nonResourceURLs: [/healthz]}',
      ]),
      findings: [
        {
          message: 'Role "dev/r": rule 0 is invalid (verbs must contain at least one value); it is left out',
          path: 'rules[0].verbs',
          severity: 'high',
        },
        {
          message:
            'Role "dev/r": rule 1 is invalid (namespaced rules cannot apply to non-resource URLs); it is left out',
          path: 'rules[1].nonResourceURLs',
        },
      ],
    },
    {
      name: 'an unknown subject kind and a binding to a lower-case kind',
      yaml: binding('ClusterRoleBinding', 'b', 'ClusterRole', 'view', [
        '{kind: serviceaccount, name: ci, namespace: dev}',
        user('u'),
      ]),
      findings: [{ message: /subject 0 has kind "serviceaccount"/, path: 'subjects[0].kind' }],
    },
    {
      name: 'a binding without subjects is low',
      yaml: binding('RoleBinding', 'b', 'ClusterRole', 'view', []),
      findings: [
        {
          message: 'RoleBinding "dev/b": the binding has no subjects, so it grants nothing',
          severity: 'low',
        },
      ],
    },
  ],
});
