import { testCheck } from '../../../test/support/check-tester.ts';
import { podPriorityClassMissing } from './pod-priority-class-missing.ts';

const pod = (spec: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {${spec}containers: [{name: c, image: "c:1"}]}
`;
const accepted = { acceptedPriorityClassNames: ['system-cluster-critical', 'business-critical'] };

testCheck(podPriorityClassMissing, {
  valid: [
    { name: 'any class when no list is configured', yaml: pod('priorityClassName: batch-low, ') },
    { name: 'accepted class', yaml: pod('priorityClassName: business-critical, '), params: accepted },
  ],
  invalid: [
    { name: 'unset', yaml: pod(''), findings: [{ message: 'pod has no priorityClassName', path: 'spec' }] },
    {
      name: 'empty string',
      yaml: pod('priorityClassName: "", '),
      findings: [{ message: 'pod has no priorityClassName' }],
    },
    {
      name: 'class outside the accepted list',
      yaml: pod('priorityClassName: batch-low, '),
      params: accepted,
      findings: [
        {
          message:
            'priorityClassName "batch-low" is not one of the accepted classes: system-cluster-critical, business-critical',
          path: 'spec.priorityClassName',
        },
      ],
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
