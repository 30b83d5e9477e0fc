import { testCheck } from '../../../test/support/check-tester.ts';
import { pssHostProbesAndLifecycle } from './pss-host-probes-and-lifecycle.ts';

const pod = (host: string) => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      image: "app:1"
      livenessProbe: {httpGet: {port: 8080, path: /healthz${host}}}
      readinessProbe: {tcpSocket: {port: 8080}}
      lifecycle:
        preStop: {tcpSocket: {port: 8080${host}}}
`;
const at = (kubeVersion: string) => ({ podSecurityLevel: 'baseline', kubeVersion }) as const;

testCheck(pssHostProbesAndLifecycle, {
  valid: [
    { name: 'no host', yaml: pod(''), settings: at('1.34') },
    { name: 'empty host', yaml: pod(', host: ""'), settings: at('1.34') },
    {
      name: 'hosts are not checked before v1.34',
      yaml: pod(', host: 169.254.169.254'),
      settings: at('1.33'),
    },
  ],
  invalid: [
    {
      name: 'host in a probe and in a preStop handler',
      yaml: pod(', host: 169.254.169.254'),
      settings: at('1.34'),
      findings: [
        {
          message: 'probe or lifecycle host (container "app" uses probe or lifecycle host "169.254.169.254")',
          path: 'spec.containers[0].livenessProbe.httpGet.host',
          line: 8,
        },
        { path: 'spec.containers[0].lifecycle.preStop.tcpSocket.host', line: 11 },
      ],
    },
  ],
});
