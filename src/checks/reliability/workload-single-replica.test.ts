import { testCheck } from '../../../test/support/check-tester.ts';
import { workloadSingleReplica } from './workload-single-replica.ts';

const deployment = (replicas: string, name = 'web') => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: "w:1"}]}
`;
const hpa = `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, minReplicas: 2, maxReplicas: 5}
`;

testCheck(workloadSingleReplica, {
  valid: [
    { name: 'two replicas', yaml: deployment('replicas: 2') },
    { name: 'scaled to zero on purpose', yaml: deployment('replicas: 0') },
    { name: 'an HPA owns the count', yaml: deployment('replicas: 1') + hpa },
    {
      name: 'three replicas with minReplicas 3',
      yaml: deployment('replicas: 3'),
      params: { minReplicas: 3 },
    },
    {
      name: 'ReplicaSet reviewed through its Deployment in the set',
      yaml: `${deployment('replicas: 3')}---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web-abc, ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: u, controller: true}]}
spec: {replicas: 1, selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: []}}}
`,
    },
    {
      name: 'DaemonSet has no replica count',
      yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: d}
spec: {selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: []}}}
`,
    },
  ],
  invalid: [
    {
      name: 'replicas unset defaults to 1',
      yaml: deployment('minReadySeconds: 5'),
      findings: [
        { message: 'Deployment "web" runs 1 replica (spec.replicas unset); the minimum is 2', path: 'spec' },
      ],
    },
    {
      name: 'explicit 1',
      yaml: deployment('replicas: 1'),
      findings: [
        { message: 'Deployment "web" runs 1 replica; the minimum is 2', path: 'spec.replicas', line: 6 },
      ],
    },
    {
      name: 'two replicas below a minimum of 3',
      yaml: deployment('replicas: 2'),
      params: { minReplicas: 3 },
      findings: [{ message: /runs 2 replicas; the minimum is 3/ }],
    },
    {
      name: 'ReplicaSet whose owner is not in the set is reviewed itself',
      yaml: `
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web-abc, ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: u, controller: true}]}
spec: {replicas: 1, selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: []}}}
`,
      findings: [{ object: 'ReplicaSet/web-abc' }],
    },
    {
      name: 'HPA targeting another workload does not count',
      yaml: deployment('replicas: 1', 'api') + hpa,
      findings: [{ object: 'Deployment/api' }],
    },
  ],
});
