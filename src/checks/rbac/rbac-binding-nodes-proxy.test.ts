import { testCheck } from '../../../test/support/check-tester.ts';
import { binding, role } from '../../../test/support/rbac-yaml.ts';
import { rbacBindingNodesProxy } from './rbac-binding-nodes-proxy.ts';

const proxy = (verbs: string, groups = '[""]') =>
  `{apiGroups: ${groups}, resources: [nodes/proxy], verbs: [${verbs}]}`;

testCheck(rbacBindingNodesProxy, {
  valid: [
    {
      name: 'nodes/metrics and nodes/stats',
      yaml:
        binding('ClusterRoleBinding', 'mon', 'ClusterRole', 'r') +
        role('ClusterRole', 'r', [
          '{apiGroups: [""], resources: [nodes/metrics, nodes/stats], verbs: [get]}',
        ]),
    },
    {
      name: 'list nodes/proxy is not a kubelet request',
      yaml:
        binding('ClusterRoleBinding', 'mon', 'ClusterRole', 'r') + role('ClusterRole', 'r', [proxy('list')]),
    },
    { name: 'the built-in view role', yaml: binding('ClusterRoleBinding', 'v', 'ClusterRole', 'view') },
  ],
  invalid: [
    {
      name: 'get alone is enough (WebSocket exec through the kubelet)',
      yaml:
        binding('ClusterRoleBinding', 'mon', 'ClusterRole', 'r') + role('ClusterRole', 'r', [proxy('get')]),
      findings: [
        {
          message:
            'ClusterRoleBinding "mon" binds ClusterRole "r", which allows get nodes/proxy, to ServiceAccount dev/ci',
          severity: 'critical',
        },
      ],
    },
    {
      name: 'any group and every resource',
      yaml:
        binding('ClusterRoleBinding', 'x', 'ClusterRole', 'r') +
        role('ClusterRole', 'r', ['{apiGroups: ["*"], resources: ["*"], verbs: [create]}']),
      findings: [{ message: /allows create nodes\/proxy/ }],
    },
  ],
});
