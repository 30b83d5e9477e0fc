import { testCheck } from '../../../test/support/check-tester.ts';
import { volumeDockerSocket } from './volume-docker-socket.ts';

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
