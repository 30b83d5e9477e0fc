// https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/
// https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#jobs-history-limits
import { defineCheck } from '../../core/check.ts';
import type { ObjectIndex } from '../../core/index.ts';
import type { KubeObject, LoadedObject } from '../../core/object.ts';
import { isRecord } from '../../k8s/disruption.ts';
import { controllerRef } from '../../k8s/owners.ts';
import { daysSince, excluded, HYGIENE_DEFAULTS, type HygieneParams } from './shared.ts';

interface Params extends HygieneParams {
  /** A Job that finished less than this many days ago is not left behind yet. */
  finishedDays: number;
}

/** "Complete" or "Failed" with the time it finished, or undefined while it runs. */
export function jobOutcome(job: KubeObject): { type: 'Complete' | 'Failed'; at?: string } | undefined {
  const status = isRecord(job.status) ? job.status : {};
  const conditions = Array.isArray(status.conditions) ? status.conditions.filter(isRecord) : [];
  for (const type of ['Complete', 'Failed'] as const) {
    const c = conditions.find((x) => x.type === type && x.status === 'True');
    if (c) {
      const at =
        type === 'Complete' && typeof status.completionTime === 'string'
          ? status.completionTime
          : typeof c.lastTransitionTime === 'string'
            ? c.lastTransitionTime
            : undefined;
      return at ? { type, at } : { type };
    }
  }
  return undefined;
}

/** Finished Jobs per CronJob ("ns/name"), newest first, split by outcome. */
function cronJobHistory(index: ObjectIndex): Map<string, LoadedObject[]> {
  return index.memo('hygiene-cronjob-history', (idx) => {
    const out = new Map<string, LoadedObject[]>();
    for (const job of idx.ofKind('Job')) {
      const owner = controllerRef(job);
      const outcome = jobOutcome(job.object);
      if (owner?.kind !== 'CronJob' || !outcome) continue;
      const key = `${job.ref.namespace ?? ''}/${owner.name}/${outcome.type}`;
      const list = out.get(key) ?? [];
      list.push(job);
      out.set(key, list);
    }
    for (const list of out.values())
      list.sort((a, b) => (jobOutcome(b.object)?.at ?? '').localeCompare(jobOutcome(a.object)?.at ?? ''));
    return out;
  });
}

export const jobFinishedLeft = defineCheck<Params>({
  id: 'job-finished-left',
  title: 'Finished Job left behind',
  severity: 'low',
  category: 'hygiene',
  description:
    "A Job that completed or failed stays, with its pods and their logs, until someone deletes it. Not judged: Jobs with spec.ttlSecondsAfterFinished (the TTL-after-finished controller deletes them) and Jobs of a CronJob within its successfulJobsHistoryLimit (default 3) / failedJobsHistoryLimit (default 1), which the CronJob controller prunes. A CronJob's Job beyond those limits is reported.",
  remediation:
    'Delete it through a reviewed plan, and set spec.ttlSecondsAfterFinished on the Jobs you create so they clean up after themselves.',
  docs: [
    'https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/',
    'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#jobs-history-limits',
  ],
  appliesTo: ['Job'],
  params: { ...HYGIENE_DEFAULTS, finishedDays: 1 },
  requires: ['Job', 'CronJob'],
  peers: { kor: ['job'], popeye: ['POP-1500'] },
  *check(job, { index, params, settings }) {
    if (index.partial || excluded(job.ref, params)) return;
    const outcome = jobOutcome(job.object);
    if (!outcome) return;
    const spec = isRecord(job.object.spec) ? job.object.spec : {};
    if (typeof spec.ttlSecondsAfterFinished === 'number') return;
    const owner = controllerRef(job);
    const verb = outcome.type === 'Complete' ? 'completed' : 'failed';
    if (owner?.kind === 'CronJob') {
      const cron = index.get('CronJob', job.ref.namespace, owner.name);
      if (!cron) return; // the garbage collector deletes Jobs of a deleted CronJob
      const cronSpec = isRecord(cron.object.spec) ? cron.object.spec : {};
      const limitField =
        outcome.type === 'Complete' ? 'successfulJobsHistoryLimit' : 'failedJobsHistoryLimit';
      const raw = cronSpec[limitField];
      const limit = typeof raw === 'number' && raw >= 0 ? raw : outcome.type === 'Complete' ? 3 : 1;
      const history =
        cronJobHistory(index).get(`${job.ref.namespace ?? ''}/${owner.name}/${outcome.type}`) ?? [];
      const rank = history.indexOf(job);
      if (rank < limit) return;
      yield {
        message: `Job "${job.ref.name}" ${verb} and is beyond CronJob "${owner.name}"'s ${limitField} of ${limit} (${history.length} kept)`,
      };
      return;
    }
    if (owner) return; // another controller (Argo, Tekton, an operator) manages its Jobs
    const days = daysSince(outcome.at, settings.now);
    if (days !== undefined && days < (Number(params.finishedDays) || 0)) return;
    yield {
      message: `Job "${job.ref.name}" ${verb}${days !== undefined ? ` ${Math.floor(days)} days ago` : ''} and has no ttlSecondsAfterFinished`,
    };
  },
});
