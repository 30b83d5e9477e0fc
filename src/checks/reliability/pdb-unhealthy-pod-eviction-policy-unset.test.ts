import { testCheck } from '../../../test/support/check-tester.ts';
import { pdbUnhealthyPodEvictionPolicyUnset } from './pdb-unhealthy-pod-eviction-policy-unset.ts';

const pdb = (extra: string) => `
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  maxUnavailable: 1
  ${extra}
`;

testCheck(pdbUnhealthyPodEvictionPolicyUnset, {
  valid: [
    { name: 'AlwaysAllow', yaml: pdb('unhealthyPodEvictionPolicy: AlwaysAllow') },
    { name: 'IfHealthyBudget explicitly', yaml: pdb('unhealthyPodEvictionPolicy: IfHealthyBudget') },
  ],
  invalid: [
    {
      name: 'unset',
      yaml: pdb('selector: {matchLabels: {app: web}}'),
      findings: [
        {
          message:
            'PodDisruptionBudget "web" does not set unhealthyPodEvictionPolicy (defaults to IfHealthyBudget)',
          path: 'spec',
        },
      ],
    },
  ],
});
