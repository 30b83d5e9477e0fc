import { testCheck } from '../../../test/support/check-tester.ts';
import { pvcReferenceMissing } from './pvc-reference-missing.ts';

const sts = (volumes: string) => `---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: data}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: "postgres:17", volumeMounts: [{name: data, mountPath: /var/lib/postgresql}]}]
      volumes: ${volumes}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`;
const pvc = `---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: shared, namespace: data}
spec: {accessModes: [ReadWriteMany], resources: {requests: {storage: 1Gi}}}
`;

testCheck(pvcReferenceMissing, {
  valid: [
    { name: 'volumeClaimTemplates only', yaml: sts('[]') },
    {
      name: 'claim present',
      yaml: pvc + sts('[{name: shared, persistentVolumeClaim: {claimName: shared}}]'),
    },
    {
      name: 'generic ephemeral volume creates its own claim',
      yaml: sts('[{name: scratch, ephemeral: {volumeClaimTemplate: {spec: {}}}}]'),
    },
  ],
  invalid: [
    {
      name: 'claim absent',
      yaml: sts('[{name: shared, persistentVolumeClaim: {claimName: shard}}]'),
      findings: [
        {
          message: 'volume references PersistentVolumeClaim "shard", which is not in the input',
          path: 'spec.template.spec.volumes[0].persistentVolumeClaim.claimName',
          severity: 'info',
        },
      ],
    },
    {
      name: 'claim in another namespace, complete set',
      complete: true,
      yaml:
        pvc.replace('namespace: data', 'namespace: other') +
        sts('[{name: shared, persistentVolumeClaim: {claimName: shared}}]'),
      findings: [{ severity: 'high' }],
    },
  ],
});
