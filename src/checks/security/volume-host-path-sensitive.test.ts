import { testCheck } from '../../../test/support/check-tester.ts';
import { volumeHostPathSensitive } from './volume-host-path-sensitive.ts';

const ds = (path: string, readOnly = false) => `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec:
      containers:
        - name: agent
          volumeMounts: [{name: host, mountPath: /host${readOnly ? ', readOnly: true' : ''}}]
      volumes:
        - name: host
          hostPath: {path: "${path}"}
        - name: scratch
          emptyDir: {}
`;

testCheck(volumeHostPathSensitive, {
  valid: [
    { name: '/var/log', yaml: ds('/var/log') },
    { name: 'a subdirectory of /etc', yaml: ds('/etc/ssl/certs', true) },
    { name: '/usr/local/share', yaml: ds('/usr/local/share') },
  ],
  invalid: [
    {
      name: '/etc',
      yaml: ds('/etc'),
      findings: [{ message: 'volume "host" mounts sensitive host path "/etc" into container "agent"' }],
    },
    {
      name: 'root with trailing slashes',
      yaml: ds('//'),
      findings: [{ message: /sensitive host path "\/\/"/ }],
    },
    { name: '/etc/ with trailing slash', yaml: ds('/etc/'), findings: [{}] },
    {
      name: 'kubelet credentials under /var/lib/kubelet',
      yaml: ds('/var/lib/kubelet/pki', true),
      findings: [{}],
    },
    { name: 'dot-dot escape', yaml: ds('/var/log/../../proc'), findings: [{}] },
  ],
});
