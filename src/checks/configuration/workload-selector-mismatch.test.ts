import { testCheck } from '../../../test/support/check-tester.ts';
import { workloadSelectorMismatch } from './workload-selector-mismatch.ts';

const deployment = (selector: string, labels = '{app: web, tier: front}', apiVersion = 'apps/v1') => `
apiVersion: ${apiVersion}
kind: Deployment
metadata: {name: web}
spec:
  ${selector}
  template:
    metadata: {labels: ${labels}}
    spec: {containers: [{name: w, image: "w:1"}]}
`;

testCheck(workloadSelectorMismatch, {
  valid: [
    { name: 'selector subset of labels', yaml: deployment('selector: {matchLabels: {app: web}}') },
    {
      name: 'matchExpressions',
      yaml: deployment('selector: {matchExpressions: [{key: tier, operator: In, values: [front, back]}]}'),
    },
    {
      name: 'old API defaulted the selector',
      yaml: deployment('replicas: 1', '{app: web}', 'extensions/v1beta1'),
    },
    {
      name: 'Job with generated selector',
      yaml: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec: {template: {spec: {restartPolicy: Never, containers: []}}}\n',
    },
    {
      name: 'ReplicationController without selector defaults to the labels',
      yaml: 'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec: {template: {metadata: {labels: {a: b}}, spec: {containers: []}}}\n',
    },
  ],
  invalid: [
    {
      name: 'labels differ',
      yaml: deployment('selector: {matchLabels: {app: wbe}}'),
      findings: [
        {
          message:
            'Deployment "web" selector app=wbe does not match its pod template labels (app=web,tier=front)',
          path: 'spec.selector',
          line: 6,
        },
      ],
    },
    {
      name: 'template without labels',
      yaml: deployment('selector: {matchLabels: {app: web}}', 'null'),
      findings: [{ message: /does not match its pod template labels \(none\)/ }],
    },
    {
      name: 'no selector in apps/v1',
      yaml: deployment('replicas: 2'),
      findings: [{ message: 'Deployment "web" has no spec.selector', path: 'spec' }],
    },
    {
      name: 'empty selector',
      yaml: deployment('selector: {}'),
      findings: [{ message: 'Deployment "web" has an empty selector' }],
    },
    {
      name: 'DeploymentConfig map selector',
      yaml: 'apiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: dc}\nspec: {selector: {app: dc}, template: {metadata: {labels: {app: other}}, spec: {containers: []}}}\n',
      findings: [{ message: /DeploymentConfig "dc" selector app=dc does not match/ }],
    },
    {
      name: 'Job with manualSelector',
      yaml: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec: {manualSelector: true, selector: {matchLabels: {job: x}}, template: {metadata: {labels: {job: y}}, spec: {restartPolicy: Never, containers: []}}}\n',
      findings: [{ object: 'Job/j' }],
    },
  ],
});
