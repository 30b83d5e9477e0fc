import { testCheck } from '../../../test/support/check-tester.ts';
import { volumeDockerSocket } from './volume-docker-socket.ts';
import { volumeHostPath } from './volume-host-path.ts';
import { volumeHostPathSensitive } from './volume-host-path-sensitive.ts';
import { volumeHostPathWritable } from './volume-host-path-writable.ts';

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
const noHostPath = ds('/x').replace(/hostPath: \{path: "\/x"\}/, 'emptyDir: {}');

testCheck(volumeHostPath, {
  valid: [
    { name: 'no hostPath', yaml: noHostPath },
    {
      name: 'volumes not a list',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {volumes: {a: 1}, containers: []}\n',
    },
  ],
  invalid: [
    {
      name: 'hostPath',
      yaml: ds('/var/log'),
      findings: [
        {
          message: 'volume "host" mounts host path "/var/log"',
          path: 'spec.template.spec.volumes[0].hostPath.path',
          line: 13,
        },
      ],
    },
  ],
});

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

testCheck(volumeDockerSocket, {
  valid: [
    { name: 'another socket', yaml: ds('/var/run/thing.sock') },
    { name: 'a docker-named directory elsewhere', yaml: ds('/opt/docker') },
  ],
  invalid: [
    {
      name: 'docker.sock',
      yaml: ds('/var/run/docker.sock'),
      findings: [{ message: 'volume "host" mounts the container runtime socket "/var/run/docker.sock"' }],
    },
    { name: 'containerd.sock', yaml: ds('/run/containerd/containerd.sock'), findings: [{}] },
    { name: 'crio.sock', yaml: ds('/var/run/crio/crio.sock'), findings: [{}] },
    { name: 'containerd run directory', yaml: ds('/run/containerd'), findings: [{}] },
  ],
});

testCheck(volumeHostPathWritable, {
  valid: [
    { name: 'read-only mount', yaml: ds('/var/log', true) },
    { name: 'no hostPath', yaml: noHostPath },
  ],
  invalid: [
    {
      name: 'writable mount',
      yaml: ds('/config'),
      findings: [
        {
          message: 'container "agent" mounts host path "/config" writable',
          path: 'spec.template.spec.containers[0].volumeMounts[0]',
        },
      ],
    },
  ],
});
