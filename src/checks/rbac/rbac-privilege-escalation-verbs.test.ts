import { testCheck } from '../../../test/support/check-tester.ts';
import { rbacPrivilegeEscalationVerbs } from './rbac-privilege-escalation-verbs.ts';

const role = (rule: string, name = 'r') => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "${name}"}
rules:
  - ${rule}
`;

testCheck(rbacPrivilegeEscalationVerbs, {
  valid: [
    {
      name: 'ordinary role admin',
      yaml: role(
        '{apiGroups: [rbac.authorization.k8s.io], resources: [roles, rolebindings], verbs: [get, create, update]}',
      ),
    },
    { name: 'bind on the wrong group', yaml: role('{apiGroups: [""], resources: [roles], verbs: [bind]}') },
    {
      name: 'wildcard verbs are rbac-wildcard-rules',
      yaml: role('{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}'),
    },
    {
      name: 'system role',
      yaml: role(
        '{apiGroups: [""], resources: [users], verbs: [impersonate]}',
        'system:kube-controller-manager',
      ),
    },
  ],
  invalid: [
    {
      name: 'bind and escalate',
      yaml: role(
        '{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind, escalate]}',
      ),
      findings: [
        { message: 'ClusterRole "r" grants bind, escalate', path: 'rules[0].verbs', severity: 'high' },
      ],
    },
    {
      name: 'impersonate serviceaccounts',
      yaml: role('{apiGroups: [""], resources: [serviceaccounts], verbs: [impersonate]}'),
      findings: [{ message: /grants impersonate$/ }],
    },
    {
      name: 'narrowed by resourceNames',
      yaml: role(
        '{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind], resourceNames: [view]}',
      ),
      findings: [{ message: /limited to 1 named object/, severity: 'medium' }],
    },
  ],
});
