import { testCheck } from '../../../test/support/check-tester.ts';
import { hpaCannotScale } from './hpa-cannot-scale.ts';

const hpa = (spec: string) => `
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec: {scaleTargetRef: {kind: Deployment, name: web}, ${spec}}
`;

testCheck(hpaCannotScale, {
  valid: [
    { name: 'min below max', yaml: hpa('minReplicas: 2, maxReplicas: 5') },
    { name: 'min unset (1) below max', yaml: hpa('maxReplicas: 3') },
    { name: 'max missing is a schema finding', yaml: hpa('minReplicas: 2') },
  ],
  invalid: [
    {
      name: 'min equals max',
      yaml: hpa('minReplicas: 5, maxReplicas: 5'),
      findings: [
        {
          message:
            'HorizontalPodAutoscaler "web" has maxReplicas equal to minReplicas (5), so it never scales',
          path: 'spec.maxReplicas',
        },
      ],
    },
    {
      name: 'max 1 with min unset',
      yaml: hpa('maxReplicas: 1'),
      findings: [{ message: /equal to minReplicas \(1\)/ }],
    },
    {
      name: 'max below min',
      yaml: hpa('minReplicas: 4, maxReplicas: 2'),
      findings: [{ message: /maxReplicas 2 below minReplicas 4/, severity: 'high' }],
    },
  ],
});
