import { testCheck } from '../../../test/support/check-tester.ts';
import { hpaTargetMissing } from './hpa-target-missing.ts';

const deploy = `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template: {spec: {containers: [{name: api, image: "api:1"}]}}
`;
const hpa = (kind: string, name: string, namespace = 'shop') => `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api, namespace: ${namespace}}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: ${kind}, name: ${name}}
  minReplicas: 2
  maxReplicas: 5
`;

testCheck(hpaTargetMissing, {
  valid: [
    { name: 'target present', yaml: deploy + hpa('Deployment', 'api') },
    {
      name: 'malformed scaleTargetRef',
      yaml: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: x}\nspec: {scaleTargetRef: 3}\n',
    },
  ],
  invalid: [
    {
      name: 'wrong name',
      yaml: deploy + hpa('Deployment', 'apii'),
      findings: [
        {
          message: 'scaleTargetRef Deployment "apii" is not in the input',
          path: 'spec.scaleTargetRef',
          severity: 'info',
        },
      ],
    },
    {
      name: 'wrong kind',
      yaml: deploy + hpa('StatefulSet', 'api'),
      findings: [{ message: /StatefulSet "api"/ }],
    },
    {
      name: 'other namespace, complete set',
      complete: true,
      yaml: deploy + hpa('Deployment', 'api', 'other'),
      findings: [{ message: 'scaleTargetRef Deployment "api" is not in the cluster', severity: 'high' }],
    },
  ],
});
