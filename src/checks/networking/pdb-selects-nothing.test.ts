import { testCheck } from '../../../test/support/check-tester.ts';
import { pdbSelectsNothing } from './pdb-selects-nothing.ts';

const deploy = (template: string) => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: api}}
  template:
${template}
    spec: {containers: [{name: api, image: "api:1"}]}
`;
const pdb = (selector: string) => `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: api, namespace: shop}
spec:
  maxUnavailable: 1
${selector}
`;

testCheck(pdbSelectsNothing, {
  valid: [
    {
      name: 'selector matches template labels',
      yaml: deploy('    metadata: {labels: {app: api}}') + pdb('  selector: {matchLabels: {app: api}}'),
    },
    {
      name: 'template without labels: the workload selector tells the pod labels',
      yaml: deploy('    metadata: {}') + pdb('  selector: {matchLabels: {app: api}}'),
    },
    { name: 'empty selector: every pod of the namespace', yaml: pdb('  selector: {}') },
  ],
  invalid: [
    {
      name: 'typo',
      yaml:
        deploy('    metadata: {labels: {app: api}}') + pdb('  selector: {matchLabels: {app: api-server}}'),
      findings: [
        {
          message:
            'PodDisruptionBudget "api" selects pods with app=api-server but no workload in the input has those labels',
          path: 'spec.selector',
        },
      ],
    },
    {
      name: 'no selector at all',
      yaml: deploy('    metadata: {labels: {app: api}}') + pdb(''),
      findings: [{ message: 'PodDisruptionBudget "api" has no selector, so it selects no pods' }],
    },
  ],
});
