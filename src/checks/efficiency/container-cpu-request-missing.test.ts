import { testCheck } from '../../../test/support/check-tester.ts';
import { containerCpuRequestMissing } from './container-cpu-request-missing.ts';

const pod = (resources: string, extra = '') => `
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop}
spec:
  containers:
    - name: api
      image: api:1.0
      resources: ${resources}
${extra}`;

testCheck(containerCpuRequestMissing, {
  valid: [
    { name: 'request set', yaml: pod('{requests: {cpu: 250m}}') },
    { name: 'numeric request', yaml: pod('{requests: {cpu: 0.5}}') },
    { name: 'limit only: the request defaults to the limit', yaml: pod('{limits: {cpu: "1"}}') },
    {
      name: 'run-to-completion init container without request',
      yaml: pod('{requests: {cpu: 100m}}', '  initContainers: [{name: migrate, image: m:1}]'),
    },
    {
      name: 'LimitRange of the namespace defaults the request',
      yaml: `${pod('{}')}---
apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: shop}
spec: {limits: [{type: Container, defaultRequest: {cpu: 100m}}]}
`,
    },
    { name: 'invalid quantity is the schema check’s finding', yaml: pod('{requests: {cpu: lots}}') },
  ],
  invalid: [
    {
      name: 'no resources at all',
      yaml: pod('{}'),
      findings: [{ message: 'container "api" has no CPU request', path: 'spec.containers[0].resources' }],
    },
    {
      name: 'request of 0',
      yaml: pod('{requests: {cpu: "0"}}'),
      findings: [
        {
          message: 'container "api" has a CPU request of 0',
          path: 'spec.containers[0].resources.requests.cpu',
        },
      ],
    },
    {
      name: 'memory only, and a sidecar without requests',
      yaml: pod(
        '{requests: {memory: 1Gi}}',
        '  initContainers: [{name: proxy, image: p:1, restartPolicy: Always}]',
      ),
      findings: [
        { message: 'container "api" has no CPU request' },
        { message: 'container "proxy" has no CPU request', path: 'spec.initContainers[0].resources' },
      ],
    },
    {
      name: 'LimitRange in another namespace does not apply',
      yaml: `${pod('{}')}---
apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: other}
spec: {limits: [{type: Container, defaultRequest: {cpu: 100m}}]}
`,
      findings: [{ message: /no CPU request/ }],
    },
    {
      name: 'CronJob container',
      yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: job, image: j:1}]}}}}
`,
      findings: [{ path: 'spec.jobTemplate.spec.template.spec.containers[0].resources' }],
    },
    {
      name: 'odd shapes: non-objects skipped, unreadable resources count as unset',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: odd}
spec:
  containers: [null, 3, {name: a, image: a:1, resources: [1]}, {name: b, image: b:1, resources: {requests: [1]}}]
`,
      findings: [
        { message: 'container "a" has no CPU request' },
        { message: 'container "b" has no CPU request' },
      ],
    },
  ],
});
