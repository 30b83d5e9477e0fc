import { testCheck } from '../../../test/support/check-tester.ts';
import { rbacPodExecAttach } from './rbac-pod-exec-attach.ts';

const role = (name: string, rule: string, kind = 'Role') => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: "${name}", namespace: dev}
rules:
  - ${rule}
`;

testCheck(rbacPodExecAttach, {
  valid: [
    { name: 'pods only', yaml: role('r', '{apiGroups: [""], resources: [pods], verbs: [get, create]}') },
    {
      name: 'exec with list',
      yaml: role('r', '{apiGroups: [""], resources: [pods/exec], verbs: [list, watch]}'),
    },
    {
      name: 'exec in another API group',
      yaml: role('r', '{apiGroups: [apps], resources: [pods/exec], verbs: [create]}'),
    },
    {
      name: 'portforward is not exec',
      yaml: role('r', '{apiGroups: [""], resources: [pods/portforward], verbs: [create]}'),
    },
    {
      name: 'default edit role',
      yaml: role('edit', '{apiGroups: [""], resources: [pods/exec], verbs: [create]}', 'ClusterRole'),
    },
    { name: 'system role', yaml: role('system:x', '{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}') },
    {
      name: 'exempt by params',
      yaml: role('ops', '{apiGroups: [""], resources: [pods/exec], verbs: [create]}'),
      params: { exemptRoles: ['ops'] },
    },
  ],
  invalid: [
    {
      name: 'create pods/exec',
      yaml: role('r', '{apiGroups: [""], resources: [pods/exec], verbs: [create]}'),
      findings: [{ message: 'Role "r" allows create pods/exec', path: 'rules[0].resources' }],
    },
    {
      name: 'get on every resource of the core group',
      yaml: role('r', '{apiGroups: [""], resources: ["*"], verbs: [get]}', 'ClusterRole'),
      findings: [{ message: 'ClusterRole "r" allows get pods/exec and get pods/attach' }],
    },
    {
      name: '*/exec in any group',
      yaml: role('r', '{apiGroups: ["*"], resources: ["*/exec"], verbs: ["*"]}'),
      findings: [{ message: 'Role "r" allows create/get pods/exec' }],
    },
  ],
});
