import { testCheck } from '../../../test/support/check-tester.ts';
import { rbacClusterAdminBinding } from './rbac-cluster-admin-binding.ts';

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

testCheck(rbacClusterAdminBinding, {
  valid: [
    { name: 'binding to admin', yaml: binding('ClusterRoleBinding', 'b', 'ClusterRole', 'admin') },
    {
      name: 'core group only',
      yaml:
        binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r') +
        role('ClusterRole', 'r', '{apiGroups: [""], resources: ["*"], verbs: ["*"]}'),
    },
    {
      name: 'read-only everything',
      yaml:
        binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r') +
        role('ClusterRole', 'r', '{apiGroups: ["*"], resources: ["*"], verbs: [get, list, watch]}'),
    },
    {
      name: 'system binding',
      yaml: binding('ClusterRoleBinding', 'system:masters-x', 'ClusterRole', 'cluster-admin'),
    },
    {
      name: 'default cluster-admin binding',
      yaml: binding('ClusterRoleBinding', 'cluster-admin', 'ClusterRole', 'cluster-admin'),
    },
    {
      name: 'a RoleBinding to cluster-admin is not a cluster-admin binding (rbac-namespace-full-access)',
      yaml: binding('RoleBinding', 'b', 'ClusterRole', 'cluster-admin'),
    },
    {
      name: 'a wildcard Role is not cluster-admin',
      yaml: binding('RoleBinding', 'b', 'Role', 'r') + role('Role', 'r', FULL),
    },
    {
      name: 'full access limited to named objects is not full access',
      yaml:
        binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r') +
        role('ClusterRole', 'r', '{apiGroups: ["*"], resources: ["*"], verbs: ["*"], resourceNames: [x]}'),
    },
  ],
  invalid: [
    {
      name: 'ClusterRoleBinding to cluster-admin',
      yaml: binding('ClusterRoleBinding', 'ci-admin', 'ClusterRole', 'cluster-admin'),
      findings: [
        {
          message:
            'ClusterRoleBinding "ci-admin" grants cluster-admin over the whole cluster to ServiceAccount dev/ci',
          path: 'roleRef.name',
          severity: 'critical',
        },
      ],
    },
    {
      name: 'ClusterRole with all verbs spelled out',
      yaml:
        binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r') +
        role(
          'ClusterRole',
          'r',
          '{apiGroups: ["*"], resources: ["*"], verbs: [get, list, watch, create, update, patch, delete]}',
        ),
      findings: [
        {
          message:
            'ClusterRoleBinding "b" grants full access over the whole cluster to ServiceAccount dev/ci through ClusterRole "r"',
        },
      ],
    },
    {
      name: 'binding to a system: role with wildcards is not exempt',
      yaml:
        binding('ClusterRoleBinding', 'b', 'ClusterRole', 'system:x') + role('ClusterRole', 'system:x', FULL),
      findings: [{ message: /through ClusterRole "system:x"/ }],
    },
    {
      name: 'aggregated ClusterRole picks up a full-access rule',
      yaml:
        binding('ClusterRoleBinding', 'b', 'ClusterRole', 'agg') +
        '---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: agg}\naggregationRule: {clusterRoleSelectors: [{matchLabels: {agg: "true"}}]}\nrules: []\n' +
        role('ClusterRole', 'part', FULL, ', labels: {agg: "true"}'),
      findings: [{ message: /aggregated from ClusterRole "part"/ }],
    },
  ],
});
