import { testCheck } from '../../../test/support/check-tester.ts';
import { probeLivenessEqualsReadiness } from './probe-liveness-equals-readiness.ts';

const pod = (probes: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: c, image: "c:1", ${probes}}]}
`;

testCheck(probeLivenessEqualsReadiness, {
  valid: [
    {
      name: 'different paths',
      yaml: pod(
        'livenessProbe: {httpGet: {path: /livez, port: 80}}, readinessProbe: {httpGet: {path: /readyz, port: 80}}',
      ),
    },
    {
      name: 'same handler, more tolerant liveness',
      yaml: pod(
        'livenessProbe: {httpGet: {path: /, port: 80}, failureThreshold: 6}, readinessProbe: {httpGet: {path: /, port: 80}}',
      ),
    },
    { name: 'only readiness', yaml: pod('readinessProbe: {httpGet: {path: /, port: 80}}') },
  ],
  invalid: [
    {
      name: 'identical probes',
      yaml: pod(
        'livenessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 5}, readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 5}',
      ),
      findings: [
        {
          message: 'container "c" uses the same probe for liveness and readiness',
          path: 'spec.containers[0].livenessProbe',
        },
      ],
    },
  ],
});
