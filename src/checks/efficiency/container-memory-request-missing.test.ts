import { testCheck } from '../../../test/support/check-tester.ts';
import { containerMemoryRequestMissing } from './container-memory-request-missing.ts';

const deployment = (resources: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: web:1.0
          resources: ${resources}
`;

testCheck(containerMemoryRequestMissing, {
  valid: [
    { name: 'request set', yaml: deployment('{requests: {memory: 128Mi}}') },
    { name: 'limit only: the request defaults to the limit', yaml: deployment('{limits: {memory: 1Gi}}') },
  ],
  invalid: [
    {
      name: 'cpu only',
      yaml: deployment('{requests: {cpu: 100m}}'),
      findings: [{ message: 'container "web" has no memory request', line: 13 }],
    },
    {
      name: 'request of 0 even with a limit',
      yaml: deployment('{requests: {memory: 0Mi}, limits: {memory: 1Gi}}'),
      findings: [{ message: 'container "web" has a memory request of 0' }],
    },
    {
      name: 'limit of 0 does not default anything',
      yaml: deployment('{limits: {memory: 0}}'),
      findings: [{ message: 'container "web" has no memory request' }],
    },
  ],
});
