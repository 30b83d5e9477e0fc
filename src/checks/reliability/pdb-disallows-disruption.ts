// https://kubernetes.io/docs/tasks/run-application/configure-pdb/
import { defineCheck } from '../../core/check.ts';

/** An IntOrString budget value: a count, or a percentage string such as "50%". */
function budgetValue(value: unknown): { count?: number; percent?: number } | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return { count: value };
  if (typeof value !== 'string') return undefined;
  const percent = /^(\d+)%$/.exec(value);
  if (percent) return { percent: Number(percent[1]) };
  return /^\d+$/.test(value) ? { count: Number(value) } : undefined;
}

export const pdbDisallowsDisruption = defineCheck({
  id: 'pdb-disallows-disruption',
  title: 'PodDisruptionBudget allows no voluntary disruption',
  severity: 'high',
  category: 'reliability',
  description:
    'A PodDisruptionBudget with maxUnavailable 0 (or 0%) or minAvailable 100% never allows an eviction. Node ' +
    'drains (upgrades, autoscaler scale-down, maintenance) then block forever on these pods until someone ' +
    'deletes the budget by hand. A budget should protect availability while still letting pods move.',
  remediation:
    'Allow at least one disruption: maxUnavailable: 1 (or a percentage above 0), or minAvailable below the ' +
    'replica count, and run enough replicas for that to be safe.',
  docs: [
    'https://kubernetes.io/docs/tasks/run-application/configure-pdb/#think-about-how-your-application-reacts-to-disruptions',
    'https://kubernetes.io/docs/concepts/workloads/pods/disruptions/',
  ],
  appliesTo: ['PodDisruptionBudget'],
  peers: { polaris: ['pdbDisruptionsIsZero'], 'kube-linter': ['pdb-max-unavailable'] },
  example: {
    bad: `
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  maxUnavailable: 0
  selector:
    matchLabels: {app: web}
`,
    good: `
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app: web}
`,
  },
  *check({ object, ref }) {
    const spec = object.spec as Record<string, unknown> | undefined;
    if (!spec || typeof spec !== 'object') return;
    const min = budgetValue(spec.minAvailable);
    if (min?.percent !== undefined && min.percent >= 100)
      yield {
        path: ['spec', 'minAvailable'],
        message: `PodDisruptionBudget "${ref.name}" requires minAvailable ${String(spec.minAvailable)}, so no pod may ever be evicted`,
      };
    const max = budgetValue(spec.maxUnavailable);
    if (max && (max.count === 0 || max.percent === 0))
      yield {
        path: ['spec', 'maxUnavailable'],
        message: `PodDisruptionBudget "${ref.name}" sets maxUnavailable ${String(spec.maxUnavailable)}, so no pod may ever be evicted`,
      };
  },
});
