import { testCheck } from '../../../test/support/check-tester.ts';
import { workloadReplicasSetWithHpa } from './workload-replicas-set-with-hpa.ts';

const deployment = (replicas: string, namespace = 'shop') => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${namespace}}
spec:
  ${replicas}
  selector: {matchLabels: {app: web}}
  template: {metadata: {labels: {app: web}}, spec: {containers: []}}
`;
const hpa = (kind = 'Deployment') => `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web-hpa, namespace: shop}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: ${kind}, name: web}, minReplicas: 2, maxReplicas: 6}
`;

testCheck(workloadReplicasSetWithHpa, {
  valid: [
    { name: 'replicas left to the HPA', yaml: deployment('minReadySeconds: 5') + hpa() },
    { name: 'no HPA', yaml: deployment('replicas: 3') },
    { name: 'HPA in another namespace', yaml: deployment('replicas: 3', 'other') + hpa() },
    { name: 'HPA targets another kind', yaml: deployment('replicas: 3') + hpa('StatefulSet') },
  ],
  invalid: [
    {
      name: 'replicas set',
      yaml: deployment('replicas: 3') + hpa(),
      findings: [
        {
          message:
            'Deployment "web" sets spec.replicas to 3, but HorizontalPodAutoscaler "web-hpa" manages its replica count',
          path: 'spec.replicas',
          line: 6,
        },
      ],
    },
  ],
});
