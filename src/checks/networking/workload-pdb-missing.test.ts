import { testCheck } from '../../../test/support/check-tester.ts';
import { workloadPdbMissing } from './workload-pdb-missing.ts';

const workload = (kind: string, labels: string, namespace = 'shop') => `---
apiVersion: apps/v1
kind: ${kind}
metadata: {name: api, namespace: ${namespace}}
spec:
  replicas: 3
  template:
    metadata: {labels: ${labels}}
    spec: {containers: [{name: api, image: "api:1"}]}
`;
const pdb = `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: api, namespace: shop}
spec: {maxUnavailable: 1, selector: {matchLabels: {app: api}}}
`;

testCheck(workloadPdbMissing, {
  valid: [
    { name: 'covered Deployment', yaml: workload('Deployment', '{app: api, v: "1"}') + pdb },
    { name: 'covered StatefulSet', yaml: workload('StatefulSet', '{app: api}') + pdb },
    { name: 'DaemonSets are not judged', yaml: workload('DaemonSet', '{app: x}') },
  ],
  invalid: [
    {
      name: 'no PDB',
      yaml: workload('Deployment', '{app: api}'),
      findings: [{ message: 'no PodDisruptionBudget selects the pods of Deployment "api"' }],
    },
    {
      name: 'PDB in another namespace',
      yaml: workload('Deployment', '{app: api}', 'other') + pdb,
      findings: [{ object: 'Deployment/api' }],
    },
    {
      name: 'labels on the Deployment, not the template',
      yaml: workload('StatefulSet', '{}') + pdb,
      findings: [{ object: 'StatefulSet/api' }],
    },
  ],
});
