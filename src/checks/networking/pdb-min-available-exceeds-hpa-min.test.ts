import { testCheck } from '../../../test/support/check-tester.ts';
import { pdbMinAvailableExceedsHpaMin } from './pdb-min-available-exceeds-hpa-min.ts';

const deploy = `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 10
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: "api:1"}]}
`;
const pdb = (budget: string) => `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: api}
spec: {${budget}, selector: {matchLabels: {app: api}}}
`;
const hpa = (min: string, target = 'api') => `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api-hpa}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}, ${min} maxReplicas: 20}
`;

testCheck(pdbMinAvailableExceedsHpaMin, {
  valid: [
    { name: 'below minReplicas', yaml: deploy + pdb('minAvailable: 2') + hpa('minReplicas: 5,') },
    {
      name: 'equal (pdb-min-available-exceeds-replicas reports it)',
      yaml: deploy + pdb('minAvailable: 5') + hpa('minReplicas: 5,'),
    },
    { name: 'percentage of minReplicas', yaml: deploy + pdb('minAvailable: "50%"') + hpa('minReplicas: 5,') },
    { name: 'maxUnavailable', yaml: deploy + pdb('maxUnavailable: 5') + hpa('minReplicas: 2,') },
    {
      name: 'HPA targets another workload',
      yaml: deploy + pdb('minAvailable: 5') + hpa('minReplicas: 2,', 'other'),
    },
    { name: 'no HPA', yaml: deploy + pdb('minAvailable: 5') },
  ],
  invalid: [
    {
      name: 'above minReplicas',
      yaml: deploy + pdb('minAvailable: 10') + hpa('minReplicas: 5,'),
      findings: [
        {
          message: 'minAvailable 10 (10 pods) is above minReplicas 5 of HPA "api-hpa" for Deployment api',
          path: 'spec.minAvailable',
        },
      ],
    },
    {
      name: 'percentage above 100',
      yaml: deploy + pdb('minAvailable: "150%"') + hpa('minReplicas: 10,'),
      findings: [{ message: /\(15 pods\)/ }],
    },
    {
      name: 'minReplicas defaults to 1',
      yaml: deploy + pdb('minAvailable: 2') + hpa(''),
      findings: [{ message: /above minReplicas 1/ }],
    },
  ],
});
