// https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-update-deployment
import { defineCheck } from '../../core/check.ts';
import { getAt, type Path } from '../../core/path.ts';

/** An IntOrString surge/unavailable value; undefined when unset or malformed (a schema finding). */
function amount(value: unknown): { zero: boolean; overHundredPercent: boolean } | undefined {
  if (typeof value === 'number' && Number.isInteger(value))
    return { zero: value === 0, overHundredPercent: false };
  if (typeof value !== 'string') return undefined;
  const percent = /^(\d+)%$/.exec(value);
  if (!percent) return undefined;
  const n = Number(percent[1]);
  return { zero: n === 0, overHundredPercent: n > 100 };
}

const STRATEGY: Record<string, Path> = {
  Deployment: ['spec', 'strategy'],
  DaemonSet: ['spec', 'updateStrategy'],
};

export const workloadRollingUpdateInvalid = defineCheck({
  id: 'workload-rolling-update-invalid',
  title: 'Rolling update parameters are rejected by the API server',
  severity: 'high',
  category: 'reliability',
  description:
    'A rolling update must be able to make progress: maxUnavailable and maxSurge may not both be 0 (0%), and ' +
    'maxUnavailable may not exceed 100%. A Deployment with strategy type Recreate may not carry rollingUpdate ' +
    'parameters. The API server rejects all of these; the defaults (25%/25% for Deployments, maxUnavailable 1 ' +
    'and maxSurge 0 for DaemonSets) apply to values left unset.',
  remediation:
    'Allow at least one of maxSurge or maxUnavailable to be above 0 (e.g. maxSurge: 1, maxUnavailable: 0 for a ' +
    'zero-downtime rollout), or remove rollingUpdate when the type is Recreate.',
  docs: [
    'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-update-deployment',
    'https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/',
  ],
  appliesTo: Object.keys(STRATEGY),
  *check({ object, ref }) {
    const base = STRATEGY[object.kind];
    if (!base) return;
    const strategy = getAt(object, base);
    if (!strategy || typeof strategy !== 'object') return;
    const { type, rollingUpdate } = strategy as { type?: unknown; rollingUpdate?: unknown };
    if (rollingUpdate === undefined || rollingUpdate === null) return;
    const describe = `${ref.kind} "${ref.name}"`;
    if (object.kind === 'Deployment' && type === 'Recreate') {
      yield {
        path: [...base, 'rollingUpdate'],
        message: `${describe} sets rollingUpdate parameters with the ${type} strategy`,
      };
      return;
    }
    if (typeof rollingUpdate !== 'object') return;
    const params = rollingUpdate as { maxSurge?: unknown; maxUnavailable?: unknown };
    const unavailable = amount(params.maxUnavailable);
    // Unset values take their defaults: Deployment 25%/25%, DaemonSet maxUnavailable 1, maxSurge 0.
    const surge =
      amount(params.maxSurge) ??
      (object.kind === 'DaemonSet' ? { zero: true, overHundredPercent: false } : undefined);
    if (unavailable?.zero && surge?.zero)
      yield {
        path: [...base, 'rollingUpdate'],
        message: `${describe} sets maxUnavailable and maxSurge to 0, so the rollout can never progress`,
      };
    if (unavailable?.overHundredPercent)
      yield {
        path: [...base, 'rollingUpdate', 'maxUnavailable'],
        message: `${describe} maxUnavailable ${String(params.maxUnavailable)} is above 100%`,
      };
  },
});
