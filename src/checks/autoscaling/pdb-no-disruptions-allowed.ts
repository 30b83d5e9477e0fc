// https://kubernetes.io/docs/tasks/run-application/configure-pdb/
import { defineCheck } from '../../core/check.ts';
import { kubectl } from '../../diagnose/pod-context.ts';
import {
  allowedDisruptions,
  asLabelSelector,
  controlledInSet,
  formatBudget,
  type PdbInfo,
  pdbIndex,
  pdbInfo,
} from '../../k8s/disruption.ts';
import { selectedPods } from '../../k8s/pod-selection.ts';
import { condition, isFinished } from '../../k8s/pod-status.ts';

export const pdbNoDisruptionsAllowed = defineCheck({
  id: 'pdb-no-disruptions-allowed',
  title: 'PodDisruptionBudget currently allows no disruption',
  severity: 'medium',
  category: 'reliability',
  description:
    'With disruptionsAllowed 0 every eviction of the covered pods is refused: node drains, cluster upgrades and ' +
    'autoscaler scale-downs hang on these pods. Either the budget is as strict as the replica count ' +
    '(minAvailable = replicas, maxUnavailable 0) or pods are already unhealthy and the budget is used up.',
  remediation:
    'Run more replicas than minAvailable, loosen the budget (maxUnavailable 1), or fix the unhealthy pods; set ' +
    'unhealthyPodEvictionPolicy: AlwaysAllow so broken pods do not block drains.',
  docs: ['https://kubernetes.io/docs/tasks/run-application/configure-pdb/'],
  appliesTo: ['PodDisruptionBudget'],
  peers: { k8sgpt: ['PodDisruptionBudget'], popeye: ['POP-900'] },
  *check(pdb, { index }) {
    const status = (pdb.object.status ?? {}) as {
      disruptionsAllowed?: number;
      expectedPods?: number;
      currentHealthy?: number;
      desiredHealthy?: number;
    };
    if (status.disruptionsAllowed !== 0 || !status.expectedPods) return;
    const ns = pdb.ref.namespace ?? '';
    const info = pdbInfo(pdb);
    const expected = status.expectedPods;
    const healthy = status.currentHealthy ?? 0;
    const desired = status.desiredHealthy ?? expected;
    const budget = info.minAvailable
      ? `minAvailable ${formatBudget(info.minAvailable)}`
      : info.maxUnavailable
        ? `maxUnavailable ${formatBudget(info.maxUnavailable)}`
        : 'its budget';
    const workloads = (pdbIndex(index).byPdb.get(pdb) ?? [])
      .map((w) => w.owner)
      .filter((w) => !controlledInSet(index, w));
    const names = workloads.map((w) => `${w.ref.kind} ${w.ref.name}`);
    const selector = asLabelSelector((pdb.object.spec as { selector?: unknown } | undefined)?.selector);
    const unhealthy = healthy < desired;
    const sick =
      unhealthy && selector
        ? selectedPods(index, ns, selector).filter(
            (p) => condition(p.object, 'Ready')?.status !== 'True' && !isFinished(p.object),
          )
        : [];
    const policy = (pdb.object.spec as { unhealthyPodEvictionPolicy?: string } | undefined)
      ?.unhealthyPodEvictionPolicy;
    const why = unhealthy
      ? `only ${healthy} of ${expected} pods are healthy and ${budget} needs ${desired}`
      : `${budget} with ${expected} pod${expected === 1 ? '' : 's'} leaves no pod to evict`;
    yield {
      path: ['status', 'disruptionsAllowed'],
      message: `PodDisruptionBudget "${pdb.ref.name}" allows no disruption: ${status.currentHealthy ?? '?'} healthy of ${status.expectedPods} expected, ${status.desiredHealthy ?? '?'} required`,
      remedy: unhealthy
        ? `Fix the unhealthy pods${
            sick.length > 0
              ? ` (${sick
                  .slice(0, 3)
                  .map((p) => p.ref.name)
                  .join(', ')}${sick.length > 3 ? ' …' : ''})`
              : ''
          }: ` +
          `the budget counts them as already disrupted.${policy === 'AlwaysAllow' ? '' : ' Set unhealthyPodEvictionPolicy: AlwaysAllow so pods that are not ready can still be evicted by drains.'}`
        : strictBudgetRemedy(info, expected, names),
      evidence: [
        `${budget}; expected pods ${expected}, healthy ${healthy}, required healthy ${desired}`,
        ...(names.length > 0 ? [`covers ${names.join(', ')}`] : []),
      ],
      cause: {
        key: `pdb/${ns}/${pdb.ref.name}`,
        summary: `PodDisruptionBudget ${ns}/${pdb.ref.name} blocks every eviction, so node drains will hang: ${why}.`,
        workload: `PodDisruptionBudget ${ns}/${pdb.ref.name}`,
        ...(sick.length > 0
          ? { upstream: sick.map((p) => ({ kind: 'Pod', namespace: ns, name: p.ref.name })) }
          : {}),
        nextSteps: [kubectl(ns, `describe pdb ${pdb.ref.name}`)],
      },
    };
  },
});

/** A budget as strict as the replica count: the replicas that make one eviction possible, or the looser budget. */
function strictBudgetRemedy(info: PdbInfo, expected: number, workloads: string[]): string {
  const who = workloads.length > 0 ? workloads.join(', ') : 'the workload it covers';
  let replicas: number | undefined;
  for (let n = expected + 1; n <= expected + 100; n++)
    if ((allowedDisruptions(info, n) ?? 0) >= 1) {
      replicas = n;
      break;
    }
  const scale =
    replicas !== undefined
      ? `Scale ${who} to ${replicas} replicas (one pod may then be evicted at a time), or `
      : '';
  const loosen = info.minAvailable
    ? `replace minAvailable ${formatBudget(info.minAvailable)} by maxUnavailable: 1`
    : 'set maxUnavailable to 1';
  const text = `${scale}${loosen}.`;
  return `${text[0]!.toUpperCase()}${text.slice(1)}`;
}
