import { testCheck } from '../../../test/support/check-tester.ts';
import { podRestartPolicyInvalid } from './pod-restart-policy-invalid.ts';

const deployment = (policy: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template: {metadata: {labels: {app: web}}, spec: {${policy}containers: [{name: w, image: "w:1"}]}}
`;
const job = (policy: string) => `
apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec: {template: {spec: {${policy}containers: [{name: j, image: "j:1"}]}}}
`;
const pod = (policy: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {${policy}containers: [{name: p, image: "p:1"}]}
`;

testCheck(podRestartPolicyInvalid, {
  valid: [
    { name: 'Deployment unset', yaml: deployment('') },
    { name: 'Deployment Always', yaml: deployment('restartPolicy: Always, ') },
    { name: 'Job Never', yaml: job('restartPolicy: Never, ') },
    { name: 'Job OnFailure', yaml: job('restartPolicy: OnFailure, ') },
    { name: 'Pod Never', yaml: pod('restartPolicy: Never, ') },
    { name: 'Pod unset', yaml: pod('') },
    // Outside the enum: schema-invalid-value says so ("did you mean \"Always\"?"), once.
    {
      name: 'a value no kind allows (a typo) is left to schema validation',
      yaml: pod('restartPolicy: always, '),
    },
    { name: 'a Deployment with a value no kind allows', yaml: deployment('restartPolicy: Sometimes, ') },
  ],
  invalid: [
    {
      name: 'Deployment OnFailure',
      yaml: deployment('restartPolicy: OnFailure, '),
      findings: [
        {
          message: 'Deployment pod template has restartPolicy "OnFailure"; allowed: Always',
          path: 'spec.template.spec.restartPolicy',
        },
      ],
    },
    {
      name: 'Job without restartPolicy',
      yaml: job(''),
      findings: [
        {
          message:
            'Job pod template has no restartPolicy; the default Always is not allowed (use OnFailure or Never)',
          path: 'spec.template.spec',
        },
      ],
    },
    {
      name: 'Job Always',
      yaml: job('restartPolicy: Always, '),
      findings: [{ message: /restartPolicy "Always"; allowed: OnFailure, Never/ }],
    },
  ],
});
