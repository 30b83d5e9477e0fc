import { testCheck } from '../../../test/support/check-tester.ts';
import { podRestartPolicyNotAccepted } from './pod-restart-policy-not-accepted.ts';

const job = (policy: string) => `
apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec: {template: {spec: {${policy}containers: [{name: j, image: "j:1"}]}}}
`;

testCheck(podRestartPolicyNotAccepted, {
  valid: [
    { name: 'OnFailure', yaml: job('restartPolicy: OnFailure, ') },
    {
      name: 'Never when accepted',
      yaml: job('restartPolicy: Never, '),
      params: { acceptedRestartPolicies: ['Never'] },
    },
  ],
  invalid: [
    {
      name: 'Never',
      yaml: job('restartPolicy: Never, '),
      findings: [
        {
          message: 'restartPolicy "Never" is not one of the accepted policies: Always, OnFailure',
          path: 'spec.template.spec.restartPolicy',
        },
      ],
    },
    {
      name: 'unset counts as Always',
      yaml: job(''),
      params: { acceptedRestartPolicies: ['OnFailure'] },
      findings: [{ message: /restartPolicy "Always"/ }],
    },
  ],
});
