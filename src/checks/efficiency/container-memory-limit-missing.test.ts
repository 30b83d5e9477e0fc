import { testCheck } from '../../../test/support/check-tester.ts';
import { containerMemoryLimitMissing } from './container-memory-limit-missing.ts';

const statefulSet = (resources: string) => `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: data}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
        - name: db
          image: postgres:17
          resources: ${resources}
`;

testCheck(containerMemoryLimitMissing, {
  valid: [
    { name: 'limit set', yaml: statefulSet('{limits: {memory: 2Gi}}') },
    {
      name: 'LimitRange default limit',
      yaml: `${statefulSet('{requests: {memory: 1Gi}}')}---
apiVersion: v1
kind: LimitRange
metadata: {name: d, namespace: data}
spec: {limits: [{type: Container, default: {memory: 2Gi}}]}
`,
    },
    {
      name: 'LimitRange max becomes the default limit',
      yaml: `${statefulSet('{}')}---
apiVersion: v1
kind: LimitRange
metadata: {name: d, namespace: data}
spec: {limits: [{type: Container, max: {memory: 4Gi}}]}
`,
    },
  ],
  invalid: [
    {
      name: 'request only: a request never defaults the limit',
      yaml: statefulSet('{requests: {memory: 1Gi}}'),
      findings: [
        { message: 'container "db" has no memory limit', path: 'spec.template.spec.containers[0].resources' },
      ],
    },
    {
      name: 'limit of 0',
      yaml: statefulSet('{limits: {memory: "0"}}'),
      findings: [{ message: 'container "db" has a memory limit of 0' }],
    },
    {
      name: 'Pod-type LimitRange does not default containers',
      yaml: `${statefulSet('{}')}---
apiVersion: v1
kind: LimitRange
metadata: {name: d, namespace: data}
spec: {limits: [{type: Pod, max: {memory: 4Gi}}]}
`,
      findings: [{ message: /no memory limit/ }],
    },
  ],
});
