import { testCheck } from '../../../test/support/check-tester.ts';
import { podPriorityClassNotAccepted } from './pod-priority-class-not-accepted.ts';

const deployment = (spec: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template: {metadata: {labels: {app: web}}, spec: {${spec}containers: []}}
`;
const accepted = { acceptedPriorityClassNames: ['business-critical', 'batch-low'] };

testCheck(podPriorityClassNotAccepted, {
  valid: [
    { name: 'unset is not this check’s concern', yaml: deployment('') },
    {
      name: 'default list accepts system classes',
      yaml: deployment('priorityClassName: system-node-critical, '),
    },
    { name: 'configured list', yaml: deployment('priorityClassName: batch-low, '), params: accepted },
  ],
  invalid: [
    {
      name: 'class outside the default list',
      yaml: deployment('priorityClassName: high, '),
      findings: [
        {
          message:
            'priorityClassName "high" is not one of the accepted classes: system-cluster-critical, system-node-critical',
          path: 'spec.template.spec.priorityClassName',
        },
      ],
    },
    {
      name: 'class outside the configured list',
      yaml: deployment('priorityClassName: system-node-critical, '),
      params: accepted,
      findings: [
        {
          message: /"system-node-critical" is not one of the accepted classes: business-critical, batch-low/,
        },
      ],
    },
  ],
});
