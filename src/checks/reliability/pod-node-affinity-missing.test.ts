import { testCheck } from '../../../test/support/check-tester.ts';
import { podNodeAffinityMissing } from './pod-node-affinity-missing.ts';

const pod = (spec: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {${spec}containers: [{name: p, image: "p:1"}]}
`;

testCheck(podNodeAffinityMissing, {
  valid: [
    {
      name: 'required node affinity',
      yaml: pod(
        'affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: pool, operator: In, values: [web]}]}]}}}, ',
      ),
    },
    {
      name: 'preferred node affinity',
      yaml: pod(
        'affinity: {nodeAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 1, preference: {matchExpressions: [{key: pool, operator: In, values: [web]}]}}]}}, ',
      ),
    },
    { name: 'nodeSelector', yaml: pod('nodeSelector: {pool: web}, ') },
  ],
  invalid: [
    {
      name: 'nothing',
      yaml: pod(''),
      findings: [{ message: 'pod has no node affinity and no nodeSelector', path: 'spec' }],
    },
    {
      name: 'only pod anti-affinity',
      yaml: pod('affinity: {podAntiAffinity: {}}, nodeSelector: {}, '),
      findings: [{}],
    },
  ],
});
