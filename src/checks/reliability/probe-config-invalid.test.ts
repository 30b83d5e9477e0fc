import { testCheck } from '../../../test/support/check-tester.ts';
import { probeConfigInvalid } from './probe-config-invalid.ts';

const pod = (probes: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: c, image: "c:1", ${probes}}]}
`;

testCheck(probeConfigInvalid, {
  valid: [
    {
      name: 'typical probes',
      yaml: pod(
        'livenessProbe: {httpGet: {port: 80}, periodSeconds: 10}, readinessProbe: {tcpSocket: {port: 80}, successThreshold: 3}',
      ),
    },
    {
      name: 'zeros mean defaults',
      yaml: pod('startupProbe: {exec: {command: [ls]}, successThreshold: 0, timeoutSeconds: 0}'),
    },
    { name: 'no probes', yaml: pod('ports: []') },
  ],
  invalid: [
    {
      name: 'liveness successThreshold 2',
      yaml: pod('livenessProbe: {httpGet: {port: 80}, successThreshold: 2}'),
      findings: [
        {
          message:
            'container "c" livenessProbe successThreshold is 2; it must be 1 for liveness and startup probes',
          path: 'spec.containers[0].livenessProbe.successThreshold',
        },
      ],
    },
    {
      name: 'no handler, two handlers, negative period',
      yaml: pod(
        'readinessProbe: {periodSeconds: 5}, startupProbe: {httpGet: {port: 80}, tcpSocket: {port: 80}, periodSeconds: -1}',
      ),
      findings: [
        { message: 'container "c" readinessProbe has no handler (exec, httpGet, tcpSocket or grpc)' },
        { message: 'container "c" startupProbe has more than one handler: httpGet, tcpSocket' },
        { message: 'container "c" startupProbe periodSeconds is negative (-1)' },
      ],
    },
  ],
});
