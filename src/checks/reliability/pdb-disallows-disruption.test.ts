import { testCheck } from '../../../test/support/check-tester.ts';
import { pdbDisallowsDisruption } from './pdb-disallows-disruption.ts';

const pdb = (spec: string) => `
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec: {selector: {matchLabels: {app: web}}, ${spec}}
`;

testCheck(pdbDisallowsDisruption, {
  valid: [
    { name: 'maxUnavailable 1', yaml: pdb('maxUnavailable: 1') },
    { name: 'maxUnavailable 10%', yaml: pdb('maxUnavailable: "10%"') },
    { name: 'minAvailable count', yaml: pdb('minAvailable: 2') },
    { name: 'minAvailable 50%', yaml: pdb('minAvailable: "50%"') },
    { name: 'neither set', yaml: pdb('unhealthyPodEvictionPolicy: AlwaysAllow') },
    { name: 'wrong types are schema findings', yaml: pdb('maxUnavailable: [0], minAvailable: {a: 1}') },
  ],
  invalid: [
    {
      name: 'maxUnavailable 0',
      yaml: pdb('maxUnavailable: 0'),
      findings: [
        {
          message: 'PodDisruptionBudget "web" sets maxUnavailable 0, so no pod may ever be evicted',
          path: 'spec.maxUnavailable',
        },
      ],
    },
    {
      name: 'maxUnavailable 0%',
      yaml: pdb('maxUnavailable: "0%"'),
      findings: [{ message: /maxUnavailable 0%/ }],
    },
    {
      name: 'minAvailable 100%',
      yaml: pdb('minAvailable: "100%"'),
      findings: [{ message: /requires minAvailable 100%/, path: 'spec.minAvailable' }],
    },
  ],
});
