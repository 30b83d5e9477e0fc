// https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/
import { defineCheck } from '../../core/check.ts';
import { getAt } from '../../core/path.ts';

export const jobTtlAfterFinishedUnset = defineCheck({
  id: 'job-ttl-after-finished-unset',
  title: 'Job is never cleaned up, or a CronJob’s Job TTL fights its history limits',
  severity: 'low',
  category: 'reliability',
  description:
    'A finished standalone Job (and its pods, with their logs) stays in the cluster until someone deletes it: ' +
    'they pile up in etcd and in every list call. ttlSecondsAfterFinished lets the TTL controller delete it. ' +
    'Jobs a CronJob creates are cleaned up by the CronJob’s successfulJobsHistoryLimit/failedJobsHistoryLimit ' +
    'instead; a TTL in its jobTemplate competes with those limits, and the stricter one wins, so Jobs can ' +
    'vanish before anyone reads their history.',
  remediation:
    'Set spec.ttlSecondsAfterFinished on standalone Jobs (e.g. 86400). On CronJobs, remove it from ' +
    'spec.jobTemplate.spec and tune successfulJobsHistoryLimit/failedJobsHistoryLimit.',
  docs: [
    'https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/',
    'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#jobs-history-limits',
  ],
  appliesTo: ['Job', 'CronJob'],
  peers: { 'kube-linter': ['job-ttl-seconds-after-finished'] },
  *check({ object, ref }) {
    if (object.kind === 'CronJob') {
      const ttl = getAt(object, ['spec', 'jobTemplate', 'spec', 'ttlSecondsAfterFinished']);
      if (typeof ttl === 'number')
        yield {
          path: ['spec', 'jobTemplate', 'spec', 'ttlSecondsAfterFinished'],
          message: `CronJob "${ref.name}" sets ttlSecondsAfterFinished on its Jobs, which competes with its history limits`,
        };
      return;
    }
    const owners = object.metadata?.ownerReferences;
    if (Array.isArray(owners) && owners.some((o) => o && o.kind === 'CronJob')) return;
    const spec = object.spec;
    if (!spec || typeof spec !== 'object') return;
    if (typeof (spec as Record<string, unknown>).ttlSecondsAfterFinished === 'number') return;
    yield { path: ['spec'], message: `Job "${ref.name}" does not set ttlSecondsAfterFinished` };
  },
});
