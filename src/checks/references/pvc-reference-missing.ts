// https://kubernetes.io/docs/concepts/storage/persistent-volumes/#claims-as-volumes
import { defineCheck } from '../../core/check.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';
import { missingObjectReferences } from './shared.ts';

export const pvcReferenceMissing = defineCheck({
  id: 'pvc-reference-missing',
  title: 'Pod mounts a PersistentVolumeClaim that does not exist',
  severity: 'high',
  category: 'configuration',
  indexes: ['references'],
  description:
    'A pod whose volume names a PersistentVolumeClaim missing from its namespace stays Pending ' +
    '("persistentvolumeclaim not found") and never starts.',
  remediation:
    "Create the PersistentVolumeClaim in the workload's namespace, fix claimName, or for a StatefulSet use " +
    'volumeClaimTemplates so each replica gets its own claim.',
  docs: ['https://kubernetes.io/docs/concepts/storage/persistent-volumes/#claims-as-volumes'],
  appliesTo: WORKLOAD_KINDS,
  *check(loaded, ctx) {
    yield* missingObjectReferences(['PersistentVolumeClaim'], loaded, ctx);
  },
});
