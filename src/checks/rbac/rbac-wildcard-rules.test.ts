import { testCheck } from '../../../test/support/check-tester.ts';
import { rbacWildcardRules } from './rbac-wildcard-rules.ts';

const role = (kind: string, name: string, rules: string) => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: "${name}", namespace: dev}
rules:
${rules}`;

testCheck(rbacWildcardRules, {
  valid: [
    {
      name: 'explicit rules',
      yaml: role('Role', 'r', '  - {apiGroups: [""], resources: [pods], verbs: [get, list]}\n'),
    },
    {
      name: 'wildcard apiGroups only',
      yaml: role('Role', 'r', '  - {apiGroups: ["*"], resources: [pods], verbs: [get]}\n'),
    },
    {
      name: 'system role',
      yaml: role('ClusterRole', 'system:foo', '  - {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}\n'),
    },
    { name: 'rules not a list', yaml: role('Role', 'r', '  {verbs: ["*"]}\n') },
  ],
  invalid: [
    {
      name: 'wildcard verbs',
      yaml: role(
        'Role',
        'r',
        '  - {apiGroups: [""], resources: [pods], verbs: [get]}\n  - {apiGroups: [""], resources: [secrets], verbs: ["*"]}\n',
      ),
      findings: [{ message: 'rule 1 of Role "r" uses "*" in verbs', path: 'rules[1].verbs' }],
    },
    {
      name: 'wildcard resources and verbs is one finding per rule',
      yaml: role('ClusterRole', 'c', '  - {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}\n'),
      findings: [
        { message: 'rule 0 of ClusterRole "c" uses "*" in resources and verbs', path: 'rules[0].resources' },
      ],
    },
  ],
});
