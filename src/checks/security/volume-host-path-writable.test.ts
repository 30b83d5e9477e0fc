import { testCheck } from '../../../test/support/check-tester.ts';
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
