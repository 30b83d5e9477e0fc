// https://kubernetes.io/docs/concepts/storage/persistent-volumes/#phase
import { defineCheck } from '../../core/check.ts';

export const pvUnhealthy = defineCheck({
  id: 'pv-unhealthy',
  title: 'PersistentVolume failed or is stuck Pending',
  severity: 'high',
  category: 'configuration',
  description:
    'A Failed volume could not be reclaimed (the storage backend refused to delete or recycle it); its storage may ' +
    'still exist and cost money. A Pending volume never became available for binding.',
  remediation:
    "Read the volume's status.message and the provisioner's logs; clean up the backing storage by hand if reclaim failed, then delete the PV.",
  docs: ['https://kubernetes.io/docs/concepts/storage/persistent-volumes/#phase'],
  appliesTo: ['PersistentVolume'],
  peers: { popeye: ['POP-1002'] },
  *check(pv) {
    const status = pv.object.status as { phase?: string; message?: string; reason?: string } | undefined;
    if (status?.phase !== 'Failed' && status?.phase !== 'Pending') return;
    yield {
      path: ['status', 'phase'],
      message: `PersistentVolume "${pv.ref.name}" is ${status.phase}${status.message ? `: ${status.message}` : ''}`,
      cause: {
        key: `pv/${pv.ref.name}`,
        summary: `PersistentVolume ${pv.ref.name} is ${status.phase}`,
        workload: `PersistentVolume ${pv.ref.name}`,
        nextSteps: [`kubectl describe pv ${pv.ref.name}`],
      },
    };
  },
});
