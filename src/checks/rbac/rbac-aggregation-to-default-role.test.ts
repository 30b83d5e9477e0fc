import { testCheck } from '../../../test/support/check-tester.ts';
import { role } from '../../../test/support/rbac-yaml.ts';
import { rbacAggregationToDefaultRole } from './rbac-aggregation-to-default-role.ts';

const labels = (target: string) => `, labels: {rbac.authorization.k8s.io/aggregate-to-${target}: "true"}`;

testCheck(rbacAggregationToDefaultRole, {
  valid: [
    {
      name: 'read a custom resource into view',
      yaml: role(
        'ClusterRole',
        'widgets-view',
        ['{apiGroups: [example.com], resources: [widgets], verbs: [get, list, watch]}'],
        labels('view'),
      ),
    },
    {
      name: 'write a custom resource into edit',
      yaml: role(
        'ClusterRole',
        'widgets-edit',
        ['{apiGroups: [example.com], resources: [widgets], verbs: ["*"]}'],
        labels('edit'),
      ),
    },
    {
      name: 'secrets without the label',
      yaml: role('ClusterRole', 'r', ['{apiGroups: [""], resources: [secrets], verbs: [get]}']),
    },
  ],
  invalid: [
    {
      name: 'Secrets into view',
      yaml: role(
        'ClusterRole',
        'leaky',
        ['{apiGroups: [""], resources: [secrets], verbs: [list]}'],
        labels('view'),
      ),
      findings: [
        {
          message:
            'ClusterRole "leaky" aggregates reading Secrets into the built-in view, edit and admin roles, so to everyone bound to them',
          path: 'metadata.labels["rbac.authorization.k8s.io/aggregate-to-view"]',
        },
      ],
    },
    {
      name: 'everything into edit',
      yaml: role(
        'ClusterRole',
        'all',
        ['{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}'],
        labels('edit'),
      ),
      findings: [
        {
          message:
            /aggregates every permission \("\*" on "\*"\), escalate, bind, impersonate into the built-in edit and admin roles/,
        },
      ],
    },
  ],
});
