import { testCheck } from '../../../test/support/check-tester.ts';
import { hpaMinReplicasLow } from './hpa-min-replicas-low.ts';

const hpa = (spec: string) => `
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, maxReplicas: 10${spec}}
`;

testCheck(hpaMinReplicasLow, {
  valid: [
    { name: 'minReplicas 2', yaml: hpa(', minReplicas: 2') },
    { name: 'minReplicas 3 with threshold 3', yaml: hpa(', minReplicas: 3'), params: { minReplicas: 3 } },
    { name: 'scale to zero is deliberate', yaml: hpa(', minReplicas: 0') },
  ],
  invalid: [
    {
      name: 'minReplicas 1',
      yaml: hpa(', minReplicas: 1'),
      findings: [
        {
          message: 'HorizontalPodAutoscaler "web" may scale down to 1 replica; the minimum is 2',
          path: 'spec.minReplicas',
        },
      ],
    },
    {
      name: 'unset defaults to 1',
      yaml: hpa(''),
      findings: [{ message: /may scale down to 1 replica \(minReplicas unset\)/, path: 'spec' }],
    },
    {
      name: 'two below a threshold of 3',
      yaml: hpa(', minReplicas: 2'),
      params: { minReplicas: 3 },
      findings: [{ message: /may scale down to 2 replicas; the minimum is 3/ }],
    },
  ],
});
