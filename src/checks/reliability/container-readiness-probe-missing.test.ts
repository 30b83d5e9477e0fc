import { testCheck } from '../../../test/support/check-tester.ts';
import { containerReadinessProbeMissing } from './container-readiness-probe-missing.ts';

const daemonSet = (containers: string) => `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: ${containers}
`;

testCheck(containerReadinessProbeMissing, {
  valid: [
    {
      name: 'readiness probe set',
      yaml: daemonSet('[{name: a, image: "a:1", readinessProbe: {httpGet: {port: 9000}}}]'),
    },
    {
      name: 'CronJob is exempt',
      yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@daily"
  jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: c, image: "c:1"}]}}}}
`,
    },
  ],
  invalid: [
    {
      name: 'liveness only',
      yaml: daemonSet('[{name: a, image: "a:1", livenessProbe: {httpGet: {port: 9000}}}]'),
      findings: [{ message: 'container "a" has no readiness probe', line: 10 }],
    },
    {
      name: 'probe of the wrong type',
      yaml: daemonSet('[{name: a, image: "a:1", readinessProbe: "yes"}]'),
      findings: [{ message: /has no readiness probe/ }],
    },
  ],
});
