import { testCheck } from '../../../test/support/check-tester.ts';
import { volumeHostPath } from './volume-host-path.ts';

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
