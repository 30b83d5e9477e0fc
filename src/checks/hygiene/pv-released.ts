// https://kubernetes.io/docs/concepts/storage/persistent-volumes/#phase
// https://kubernetes.io/docs/concepts/storage/persistent-volumes/#retain
import { defineCheck } from '../../core/check.ts';
import { isRecord } from '../../k8s/disruption.ts';
import { daysSince, excluded, HYGIENE_DEFAULTS, type HygieneParams } from './shared.ts';

interface Params extends HygieneParams {
  /** Days a PV may stay Released or Available before it is reported. */
  idleDays: number;
}

export const pvReleased = defineCheck<Params>({
  id: 'pv-released',
  title: 'PersistentVolume Released or Available for long',
  severity: 'medium',
  category: 'hygiene',
  description:
    "A Released PersistentVolume lost its claim but kept its data (reclaimPolicy Retain): the disk is still billed and no claim can bind it until someone cleans it. An Available one has waited idleDays days for a claim that never came. The time is status.lastPhaseTransitionTime (Kubernetes 1.31+, beta since 1.29) or, without it, the PV's creation.",
  remediation:
    'Back up or inspect the data, then delete the PV and its backing disk; or clear spec.claimRef to make a Released PV bindable again.',
  docs: [
    'https://kubernetes.io/docs/concepts/storage/persistent-volumes/#phase',
    'https://kubernetes.io/docs/concepts/storage/persistent-volumes/#retain',
  ],
  appliesTo: ['PersistentVolume'],
  params: { ...HYGIENE_DEFAULTS, idleDays: 7 },
  peers: { kor: ['pv'], popeye: ['POP-1000'] },
  *check(pv, { index, params, settings }) {
    if (index.partial || excluded(pv.ref, params)) return;
    const status = isRecord(pv.object.status) ? pv.object.status : {};
    if (status.phase !== 'Released' && status.phase !== 'Available') return;
    const since = status.lastPhaseTransitionTime ?? pv.object.metadata.creationTimestamp;
    const days = daysSince(since, settings.now);
    if (days === undefined || days < (Number(params.idleDays) || 0)) return;
    const spec = isRecord(pv.object.spec) ? pv.object.spec : {};
    const claim =
      isRecord(spec.claimRef) && typeof spec.claimRef.name === 'string'
        ? ` (was claimed by ${typeof spec.claimRef.namespace === 'string' ? `${spec.claimRef.namespace}/` : ''}${spec.claimRef.name})`
        : '';
    yield {
      path: ['status', 'phase'],
      message: `PersistentVolume "${pv.ref.name}" has been ${status.phase} for ${Math.floor(days)} days${status.phase === 'Released' ? claim : ''}`,
    };
  },
});
