// https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-delays
import { defineCheck } from '../../core/check.ts';
import { getAt } from '../../core/path.ts';

export const cronjobStartingDeadlineMissing = defineCheck({
  id: 'cronjob-starting-deadline-missing',
  title: 'CronJob sets no startingDeadlineSeconds',
  severity: 'low',
  category: 'reliability',
  description:
    'Without spec.startingDeadlineSeconds a run that misses its time (controller down, cluster upgrade, the ' +
    'CronJob suspended for a while) is still started whenever the controller catches up, however late, and ' +
    'when it counts more than 100 missed schedules it stops starting Jobs and only logs "too many missed start ' +
    'times". A deadline bounds both: late runs beyond it are skipped, and only that window is counted.',
  remediation:
    'Set spec.startingDeadlineSeconds to how late a run may still be useful (e.g. a few minutes for a job that ' +
    'runs every 5 minutes; at least 10 seconds, since the controller checks every 10 seconds).',
  docs: [
    'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-delays',
    'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#cron-job-limitations',
  ],
  appliesTo: ['CronJob'],
  *check({ object, ref }) {
    const deadline = getAt(object, ['spec', 'startingDeadlineSeconds']);
    if (typeof deadline === 'number') return;
    yield { path: ['spec'], message: `CronJob "${ref.name}" sets no startingDeadlineSeconds` };
  },
});
