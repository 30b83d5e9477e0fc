import { testCheck } from '../../../test/support/check-tester.ts';
import { podPriorityClassMissing } from './pod-priority-class-missing.ts';

const pod = (spec: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {${spec}containers: [{name: c, image: "c:1"}]}
`;

testCheck(podPriorityClassMissing, {
  valid: [{ name: 'any class', yaml: pod('priorityClassName: batch-low, ') }],
  invalid: [
    { name: 'unset', yaml: pod(''), findings: [{ message: 'pod has no priorityClassName', path: 'spec' }] },
    {
      name: 'empty string',
      yaml: pod('priorityClassName: "", '),
      findings: [{ message: 'pod has no priorityClassName' }],
    },
    {
      name: 'CronJob pod template',
      yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec: {schedule: "@daily", jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: []}}}}}
`,
      findings: [{ path: 'spec.jobTemplate.spec.template.spec' }],
    },
  ],
});
