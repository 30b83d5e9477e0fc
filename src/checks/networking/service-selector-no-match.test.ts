import { testCheck } from '../../../test/support/check-tester.ts';
import { serviceSelectorNoMatch } from './service-selector-no-match.ts';

const workload = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, tier: front}}
    spec: {containers: [{name: web, image: "nginx:1.27"}]}
`;
const service = (selector: string, namespace = 'shop') => `---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: ${namespace}}
spec:
  selector: ${selector}
  ports: [{port: 80}]
`;

testCheck(serviceSelectorNoMatch, {
  valid: [
    { name: 'selector matches the pod template', yaml: workload + service('{app: web}') },
    { name: 'selector is a subset of the labels', yaml: workload + service('{app: web, tier: front}') },
    { name: 'no selector (endpoints managed by hand)', yaml: service('{}') },
    {
      name: 'ExternalName Service',
      yaml: `apiVersion: v1
kind: Service
metadata: {name: db}
spec: {type: ExternalName, externalName: db.example.com, selector: {app: db}}
`,
    },
  ],
  invalid: [
    {
      name: 'typo in the label value',
      yaml: workload + service('{app: wbe}'),
      findings: [
        {
          message: /selects pods with app=wbe but no workload in the input/,
          line: 15,
          object: 'Service/web',
        },
      ],
    },
    {
      name: 'matching workload lives in another namespace',
      yaml: workload + service('{app: web}', 'other'),
      findings: [{ path: 'spec.selector' }],
    },
    {
      name: 'one label of the selector is missing on the pods',
      yaml: workload + service('{app: web, tier: back}'),
      findings: [{ message: /app=web,tier=back/ }],
    },
  ],
});
