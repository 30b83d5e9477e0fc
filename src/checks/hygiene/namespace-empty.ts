// https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/
import { defineCheck } from '../../core/check.ts';
import type { ObjectIndex } from '../../core/index.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';
import { daysSince, excluded, HYGIENE_DEFAULTS, type HygieneParams } from './shared.ts';

interface Params extends HygieneParams {
  /** A namespace younger than this many days is not called empty (it may be about to be filled). */
  emptyDays: number;
}

/** Namespaces holding at least one pod or workload. */
function namespacesInUse(index: ObjectIndex): Set<string> {
  return index.memo('hygiene-namespaces-in-use', (idx) => {
    const out = new Set<string>();
    for (const kind of WORKLOAD_KINDS)
      for (const o of idx.ofKind(kind)) if (o.ref.namespace) out.add(o.ref.namespace);
    return out;
  });
}

export const namespaceEmpty = defineCheck<Params>({
  id: 'namespace-empty',
  title: 'Namespace with no workloads',
  severity: 'info',
  category: 'hygiene',
  description:
    'The namespace holds no pod and no workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, …) and was created more than emptyDays days ago. Its remaining Services, ConfigMaps, Secrets, quotas and RBAC serve nothing. A snapshot does not show history, so the age is the namespace\'s own; "default" and the system namespaces are never judged.',
  remediation:
    'Ask its owners; delete it (which deletes everything in it) only after reviewing what it still holds: `kubectl get all,cm,secret,pvc -n <ns>`.',
  docs: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/'],
  appliesTo: ['Namespace'],
  params: { ...HYGIENE_DEFAULTS, emptyDays: 7 },
  requires: ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'],
  peers: { kor: ['namespace'] },
  *check(ns, { index, params, settings }) {
    const name = ns.ref.name;
    if (index.partial || name === 'default' || excluded(ns.ref, params)) return;
    if (typeof ns.object.metadata.deletionTimestamp === 'string') return; // namespace-not-active's business
    const age = daysSince(ns.object.metadata.creationTimestamp, settings.now);
    if (age === undefined || age < (Number(params.emptyDays) || 0)) return;
    if (namespacesInUse(index).has(name)) return;
    yield {
      message: `Namespace "${name}" has no pods or workloads (created ${Math.floor(age)} days ago)`,
    };
  },
});
