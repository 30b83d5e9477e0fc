import { testCheck } from '../../../test/support/check-tester.ts';
import { labelsRequiredMissing } from './labels-required-missing.ts';

const deployment = (labels: string) => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: ${labels}
spec:
  selector: {matchLabels: {app: web}}
  template: {metadata: {labels: {app: web}}, spec: {containers: []}}
`;

testCheck(labelsRequiredMissing, {
  valid: [
    { name: 'recommended name label', yaml: deployment('{app.kubernetes.io/name: web}') },
    {
      name: 'custom list',
      yaml: deployment('{owner: team-a, tier: front}'),
      params: { labels: ['owner', 'tier=front|back'] },
    },
    {
      name: 'Pods owned by a controller in the set are reviewed through it',
      yaml: `
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web, labels: {app.kubernetes.io/name: web}}
spec: {selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: []}}}
---
apiVersion: v1
kind: Pod
metadata: {name: web-1, ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web, uid: u, controller: true}]}
spec: {containers: []}
`,
    },
    {
      name: 'ConfigMaps are not checked',
      yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {}\n',
    },
    { name: 'no rules', yaml: deployment('{}'), params: { labels: [] } },
  ],
  invalid: [
    {
      name: 'no labels',
      yaml: deployment('null'),
      findings: [{ message: 'Deployment "web" has no label "app.kubernetes.io/name"', path: 'metadata' }],
    },
    {
      name: 'value does not match the pattern',
      yaml: deployment('{owner: team-a, tier: middle}'),
      params: { labels: ['owner', 'tier=front|back'] },
      findings: [
        {
          message: 'Deployment "web" label "tier" has the value "middle", which does not match front|back',
          path: 'metadata.labels.tier',
        },
      ],
    },
    {
      name: 'Service missing owner',
      yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: s, labels: {app: s}}\nspec: {ports: [{port: 80}]}\n',
      params: { labels: ['owner'] },
      findings: [{ message: 'Service "s" has no label "owner"' }],
    },
  ],
});
