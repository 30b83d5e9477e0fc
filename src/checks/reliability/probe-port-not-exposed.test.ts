import { testCheck } from '../../../test/support/check-tester.ts';
import { probePortNotExposed } from './probe-port-not-exposed.ts';

const pod = (container: string, init = '') => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - ${container}
${init}`;
const ports = 'ports: [{name: http, containerPort: 8080}, {name: dns, containerPort: 53, protocol: UDP}]';

testCheck(probePortNotExposed, {
  valid: [
    {
      name: 'named port declared',
      yaml: pod(`{name: c, image: "c:1", ${ports}, livenessProbe: {httpGet: {port: http}}}`),
    },
    {
      name: 'number declared',
      yaml: pod(`{name: c, image: "c:1", ${ports}, readinessProbe: {tcpSocket: {port: 8080}}}`),
    },
    {
      name: 'grpc by number',
      yaml: pod(`{name: c, image: "c:1", ${ports}, startupProbe: {grpc: {port: 8080}}}`),
    },
    {
      name: 'exec probe has no port',
      yaml: pod('{name: c, image: "c:1", livenessProbe: {exec: {command: [ls]}}}'),
    },
    {
      name: 'probe without port field',
      yaml: pod('{name: c, image: "c:1", livenessProbe: {httpGet: {path: /}}}'),
    },
    {
      name: 'run-to-completion init containers are not probed',
      yaml: pod(
        '{name: c, image: "c:1"}',
        '  initContainers: [{name: i, image: "i:1", livenessProbe: {httpGet: {port: x}}}]',
      ),
    },
  ],
  invalid: [
    {
      name: 'named port not declared',
      yaml: pod(
        `{name: c, image: "c:1", ports: [{containerPort: 8080}], livenessProbe: {httpGet: {port: http}}}`,
      ),
      findings: [
        {
          message:
            'container "c" livenessProbe httpGet targets port "http", which the container does not declare',
          path: 'spec.containers[0].livenessProbe.httpGet.port',
          severity: 'high',
        },
      ],
    },
    {
      name: 'number not declared is low',
      yaml: pod(`{name: c, image: "c:1", ${ports}, readinessProbe: {httpGet: {port: 9090}}}`),
      findings: [{ message: /readinessProbe httpGet targets port 9090, .* as a TCP port/, severity: 'low' }],
    },
    {
      name: 'TCP probe on a UDP port',
      yaml: pod(
        `{name: c, image: "c:1", ${ports}, livenessProbe: {tcpSocket: {port: dns}}, startupProbe: {grpc: {port: 53}}}`,
      ),
      findings: [
        { message: /livenessProbe tcpSocket targets port "dns"/ },
        { message: /startupProbe grpc targets port 53/ },
      ],
    },
    {
      name: 'sidecar probe',
      yaml: pod(
        '{name: c, image: "c:1"}',
        '  initContainers: [{name: proxy, image: "p:1", restartPolicy: Always, readinessProbe: {httpGet: {port: admin}}}]',
      ),
      findings: [{ path: 'spec.initContainers[0].readinessProbe.httpGet.port' }],
    },
  ],
});
