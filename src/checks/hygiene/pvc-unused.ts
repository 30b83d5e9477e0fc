// What counts as "used": src/k8s/usage.ts and docs/hygiene-rules.md.
import { unusedCheck } from './shared.ts';

export const pvcUnused = unusedCheck('PersistentVolumeClaim', {
  id: 'pvc-unused',
  title: 'PersistentVolumeClaim mounted by no pod',
  severity: 'medium',
  description:
    'No pod mounts this claim. Its volume still costs money and holds data nobody reads, or data someone will want back: look before deleting.',
  remediation:
    'Find out whose data it is; snapshot or back it up, then delete the claim (its PersistentVolume follows the reclaim policy).',
  peers: { kor: ['pvc'], popeye: ['POP-400'] },
});
