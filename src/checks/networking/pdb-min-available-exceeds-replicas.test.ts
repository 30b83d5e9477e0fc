import { testCheck } from '../../../test/support/check-tester.ts';
import { pdbMinAvailableExceedsReplicas } from './pdb-min-available-exceeds-replicas.ts';

const deploy = (replicas: string) => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  ${replicas}
  selector: {matchLabels: {app: api}}
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
const hpa = (min: number) => `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}, minReplicas: ${min}, maxReplicas: 10}
`;

testCheck(pdbMinAvailableExceedsReplicas, {
  valid: [
    { name: 'minAvailable below replicas', yaml: deploy('replicas: 3') + pdb('minAvailable: 2') },
    { name: 'percentage rounds up below replicas', yaml: deploy('replicas: 4') + pdb('minAvailable: "50%"') },
    { name: 'maxUnavailable is another check', yaml: deploy('replicas: 1') + pdb('maxUnavailable: 0') },
    { name: 'scaled to zero', yaml: deploy('replicas: 0') + pdb('minAvailable: 1') },
    { name: 'HPA floor above minAvailable', yaml: deploy('replicas: 1') + pdb('minAvailable: 2') + hpa(3) },
    {
      name: 'above the HPA floor: the HPA check reports it',
      yaml: deploy('replicas: 5') + pdb('minAvailable: 4') + hpa(2),
    },
    { name: 'PDB selects no workload', yaml: pdb('minAvailable: 5') },
  ],
  invalid: [
    {
      name: 'minAvailable equals replicas',
      yaml: deploy('replicas: 3') + pdb('minAvailable: 3'),
      findings: [
        {
          message:
            'minAvailable 3 requires 3 of the 3 replicas of Deployment api to stay up, so no pod can be evicted',
          path: 'spec.minAvailable',
        },
      ],
    },
    {
      name: 'replicas defaulted to 1',
      yaml: deploy('paused: false') + pdb('minAvailable: 1'),
      findings: [{ message: /requires 1 of the 1 replicas/ }],
    },
    {
      name: '100 percent',
      yaml: deploy('replicas: 5') + pdb('minAvailable: "100%"'),
      findings: [{ message: /minAvailable 100% requires 5 of the 5/ }],
    },
    {
      name: '90 percent of 3 rounds up to 3',
      yaml: deploy('replicas: 3') + pdb('minAvailable: "90%"'),
      findings: [{ message: /requires 3 of the 3/ }],
    },
    {
      name: 'minAvailable equals the HPA floor',
      yaml: deploy('replicas: 5') + pdb('minAvailable: 2') + hpa(2),
      findings: [
        { message: /requires 2 pods of Deployment api to stay up and HPA "api" can scale it down to 2,/ },
      ],
    },
  ],
});
