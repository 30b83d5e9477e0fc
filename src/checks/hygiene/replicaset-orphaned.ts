// https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#clean-up-policy
import { defineCheck } from '../../core/check.ts';
import type { ObjectIndex } from '../../core/index.ts';
import type { LoadedObject } from '../../core/object.ts';
import { isRecord } from '../../k8s/disruption.ts';
import { controllerRef } from '../../k8s/owners.ts';
import { excluded, HYGIENE_DEFAULTS, type HygieneParams } from './shared.ts';

const REVISION = 'deployment.kubernetes.io/revision';

function revisionOf(rs: LoadedObject): number {
  const n = Number(rs.object.metadata.annotations?.[REVISION]);
  return Number.isFinite(n) ? n : 0;
}

function scaledToZero(rs: LoadedObject): boolean {
  const spec = isRecord(rs.object.spec) ? rs.object.spec : {};
  const status = isRecord(rs.object.status) ? rs.object.status : {};
  return spec.replicas === 0 && !status.replicas;
}

/** Old (scaled to 0) ReplicaSets per Deployment "ns/name", newest revision first. */
function oldReplicaSets(index: ObjectIndex): Map<string, LoadedObject[]> {
  return index.memo('hygiene-old-replicasets', (idx) => {
    const out = new Map<string, LoadedObject[]>();
    for (const rs of idx.ofKind('ReplicaSet')) {
      const owner = controllerRef(rs);
      if (owner?.kind !== 'Deployment' || !scaledToZero(rs)) continue;
      const key = `${rs.ref.namespace ?? ''}/${owner.name}`;
      const list = out.get(key) ?? [];
      list.push(rs);
      out.set(key, list);
    }
    for (const list of out.values()) list.sort((a, b) => revisionOf(b) - revisionOf(a));
    return out;
  });
}

export const replicasetOrphaned = defineCheck<HygieneParams>({
  id: 'replicaset-orphaned',
  title: 'ReplicaSet scaled to zero that nothing needs',
  severity: 'low',
  category: 'hygiene',
  description:
    "A ReplicaSet with 0 replicas is only useful as a Deployment revision to roll back to. One whose Deployment is gone (deleted with --cascade=orphan), one with no owner at all, or one beyond its Deployment's spec.revisionHistoryLimit (default 10; the Deployment controller should have pruned it) is clutter. The current revision and the old revisions within the limit are not judged.",
  remediation: 'Delete it through a reviewed plan; lower revisionHistoryLimit if old revisions pile up.',
  docs: ['https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#clean-up-policy'],
  appliesTo: ['ReplicaSet'],
  params: HYGIENE_DEFAULTS,
  requires: ['Deployment', 'ReplicaSet'],
  peers: { kor: ['replicaset'] },
  *check(rs, { index, params }) {
    if (index.partial || excluded(rs.ref, params) || !scaledToZero(rs)) return;
    const owner = controllerRef(rs);
    if (!owner) {
      yield { message: `ReplicaSet "${rs.ref.name}" is scaled to 0 and has no owner` };
      return;
    }
    if (owner.kind !== 'Deployment') return;
    const deployment = index.get('Deployment', rs.ref.namespace, owner.name);
    if (!deployment) {
      yield {
        message: `ReplicaSet "${rs.ref.name}" is scaled to 0 and its Deployment "${owner.name}" no longer exists`,
      };
      return;
    }
    const current = Number(deployment.object.metadata.annotations?.[REVISION]);
    if (Number.isFinite(current) && revisionOf(rs) === current) return;
    const spec = isRecord(deployment.object.spec) ? deployment.object.spec : {};
    const limit =
      typeof spec.revisionHistoryLimit === 'number' && spec.revisionHistoryLimit >= 0
        ? spec.revisionHistoryLimit
        : 10;
    const old = (oldReplicaSets(index).get(`${rs.ref.namespace ?? ''}/${owner.name}`) ?? []).filter(
      (r) => !(Number.isFinite(current) && revisionOf(r) === current),
    );
    const rank = old.indexOf(rs);
    if (rank < limit) return;
    yield {
      message: `ReplicaSet "${rs.ref.name}" (revision ${revisionOf(rs)}) is beyond Deployment "${owner.name}"'s revisionHistoryLimit of ${limit}`,
    };
  },
});
