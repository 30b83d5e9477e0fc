// https://kubernetes.io/docs/concepts/policy/resource-quotas/
// A quota is only a problem when it refuses something: a full quota that nothing asks more of is working as meant.
// What it refused is read from the controllers' refusals (ReplicaFailure conditions, FailedCreate events).
import { defineCheck } from '../../core/check.ts';
import type { ObjectIndex } from '../../core/index.ts';
import { describeRef, type LoadedObject } from '../../core/object.ts';
import { kubectl } from '../../diagnose/pod-context.ts';
import { type QuotaAmount, quotaExceededRemedy, refusalOf } from '../../diagnose/pod-refusal.ts';
import { controllerRef } from '../../k8s/owners.ts';

/** Kinds whose controllers create pods and report refusals. */
const CREATORS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController'];

interface Refused {
  workload: LoadedObject;
  amounts: QuotaAmount[];
}

/** Per "namespace/quota", the workloads whose pods it refused, built once per run. */
function refusedByQuota(index: ObjectIndex): Map<string, Refused[]> {
  return index.memo('quota-refusals', (idx) => {
    const out = new Map<string, Refused[]>();
    for (const kind of CREATORS)
      for (const workload of idx.ofKind(kind)) {
        // A ReplicaSet of a Deployment in the set speaks through its Deployment.
        if (kind === 'ReplicaSet') {
          const owner = controllerRef(workload);
          if (owner && idx.get(owner.kind, workload.ref.namespace, owner.name)) continue;
        }
        const found = refusalOf(idx, workload);
        if (found?.refusal.kind !== 'quota-exceeded') continue;
        const key = `${workload.ref.namespace ?? ''}/${found.refusal.quota}`;
        const list = out.get(key) ?? [];
        list.push({ workload, amounts: found.refusal.amounts });
        out.set(key, list);
      }
    return out;
  });
}

export const resourcequotaExhausted = defineCheck({
  id: 'resourcequota-exhausted',
  title: 'ResourceQuota has too little left and refuses new pods',
  severity: 'high',
  category: 'reliability',
  description:
    'The quota admission plugin refuses every pod whose requests would take the namespace over a hard limit of ' +
    'the ResourceQuota ("exceeded quota"). The controllers keep retrying: Deployments stay short of replicas, ' +
    'rollouts stall, Jobs do not start, until the quota is raised or usage goes down.',
  remediation:
    'Raise the hard limit the refusals name, lower the requests of the refused pods to what is left, or free quota ' +
    'by scaling down or removing other workloads in the namespace.',
  docs: ['https://kubernetes.io/docs/concepts/policy/resource-quotas/'],
  appliesTo: ['ResourceQuota'],
  *check(quota, { index }) {
    const ns = quota.ref.namespace ?? '';
    const refused = refusedByQuota(index).get(`${ns}/${quota.ref.name}`);
    if (!refused || refused.length === 0) return;
    const status = (quota.object.status ?? {}) as {
      hard?: Record<string, string>;
      used?: Record<string, string>;
    };
    const amounts = refused[0]!.amounts;
    const workloads = refused.map((r) => `${r.workload.ref.kind} ${r.workload.ref.name}`);
    const now = amounts.map((a) => {
      const used = status.used?.[a.resource] ?? a.used;
      const hard = status.hard?.[a.resource] ?? a.limited;
      return `${a.resource}: ${used} of ${hard} used, ${a.requested} more requested`;
    });
    yield {
      path: ['status', 'used'],
      message: `ResourceQuota "${quota.ref.name}" refuses new pods of ${workloads.join(', ')}: ${now.join('; ')}`,
      remedy: quotaExceededRemedy(ns, quota.ref.name, amounts, workloads),
      evidence: [...now, ...refused.slice(0, 5).map((r) => `refused: ${describeRef(r.workload.ref)}`)],
      cause: {
        key: `quota-exceeded/${ns}/${quota.ref.name}`,
        summary: `ResourceQuota ${ns}/${quota.ref.name} has too little left for new pods and refuses them (${now.join('; ')}).`,
        workload: `ResourceQuota ${ns}/${quota.ref.name}`,
        nextSteps: [
          kubectl(ns, `describe resourcequota ${quota.ref.name}`),
          kubectl(
            ns,
            'get pods -o custom-columns=NAME:.metadata.name,REQUESTS:.spec.containers[*].resources.requests',
          ),
        ],
      },
    };
  },
});
