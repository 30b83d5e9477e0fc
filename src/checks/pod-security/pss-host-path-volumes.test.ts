import { testCheck } from '../../../test/support/check-tester.ts';
import { pssHostPathVolumes } from './pss-host-path-volumes.ts';

const pod = (volumes: string) => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: "app:1"}]
  volumes:
${volumes}
`;
const hostPath = '    - {name: host, hostPath: {path: /var/run/docker.sock}}';

testCheck(pssHostPathVolumes, {
  valid: [
    {
      name: 'emptyDir and configMap',
      yaml: pod('    - {name: a, emptyDir: {}}\n    - {name: b, configMap: {name: c}}'),
      settings: { podSecurityLevel: 'baseline' },
    },
    {
      name: 'at restricted the volume-types control replaces it',
      yaml: pod(hostPath),
      settings: { podSecurityLevel: 'restricted', kubeVersion: '1.0' },
    },
    {
      name: 'hostPath: null is no hostPath',
      yaml: pod('    - {name: a, hostPath: null}'),
      settings: { podSecurityLevel: 'baseline' },
    },
  ],
  invalid: [
    {
      name: 'hostPath volume',
      yaml: pod(hostPath),
      settings: { podSecurityLevel: 'baseline', kubeVersion: '1.37' },
      findings: [{ message: 'hostPath volumes (volume "host")', path: 'spec.volumes[0].hostPath', line: 7 }],
    },
  ],
});
