import { testCheck } from '../../../test/support/check-tester.ts';
import { pdbBlocksEvictionSingleReplica } from './pdb-blocks-eviction-single-replica.ts';

const sts = (replicas: string) => `---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  ${replicas}
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: "db:1"}]}
`;
const pdb = (budget: string) => `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: db}
spec: {${budget}, selector: {matchLabels: {app: db}}}
`;

testCheck(pdbBlocksEvictionSingleReplica, {
  valid: [
    { name: 'two replicas', yaml: sts('replicas: 2') + pdb('minAvailable: 1') },
    { name: 'maxUnavailable 1', yaml: sts('replicas: 1') + pdb('maxUnavailable: 1') },
    { name: 'maxUnavailable 10% rounds up to 1', yaml: sts('replicas: 1') + pdb('maxUnavailable: "10%"') },
    { name: 'minAvailable 0', yaml: sts('replicas: 1') + pdb('minAvailable: 0') },
    { name: 'no PDB', yaml: sts('replicas: 1') },
  ],
  invalid: [
    {
      name: 'minAvailable 1 on one replica',
      yaml: sts('replicas: 1') + pdb('minAvailable: 1'),
      findings: [
        {
          message:
            'StatefulSet "db" runs 1 replica and PodDisruptionBudget "db" (minAvailable 1) allows no eviction of it',
          path: 'spec.replicas',
        },
      ],
    },
    {
      name: 'replicas defaulted',
      yaml: sts('serviceName: db') + pdb('maxUnavailable: 0'),
      findings: [{ message: /\(maxUnavailable 0\)/ }],
    },
    {
      name: 'minAvailable 50% rounds up to 1',
      yaml: sts('replicas: 1') + pdb('minAvailable: "50%"'),
      findings: [{ message: /minAvailable 50%/ }],
    },
    {
      name: 'HPA may scale down to one',
      yaml:
        sts('replicas: 3') +
        pdb('minAvailable: 1') +
        '---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: db}\nspec: {scaleTargetRef: {kind: StatefulSet, name: db}, maxReplicas: 3}\n',
      findings: [{ message: /runs as few as 1 replica \(HPA "db"\)/ }],
    },
  ],
});
