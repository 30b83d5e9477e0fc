// https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/
import { defineCheck } from '../../core/check.ts';
import { kubectl } from '../../diagnose/pod-context.ts';
import { age } from '../../k8s/events.ts';

export const cronjobNotRunning = defineCheck({
  id: 'cronjob-not-running',
  title: 'CronJob is suspended, has never run, or its last run did not succeed',
  severity: 'medium',
  category: 'reliability',
  description:
    'Scheduled work that silently stops is found when someone needs the backup or report it should have made. ' +
    'A suspended CronJob creates no Jobs; one that was never scheduled may have an impossible schedule or a ' +
    'startingDeadlineSeconds too short; one whose last successful run is older than its last run is failing.',
  remediation:
    'Unsuspend it if the pause is over; check the schedule and time zone; read the logs of its last Job.',
  docs: ['https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/'],
  appliesTo: ['CronJob'],
  peers: { popeye: ['POP-1501', 'POP-1502'] },
  *check(cron, { settings }) {
    const spec = (cron.object.spec ?? {}) as { suspend?: boolean; schedule?: string };
    const status = (cron.object.status ?? {}) as { lastScheduleTime?: string; lastSuccessfulTime?: string };
    const ns = cron.ref.namespace;
    const next = [
      kubectl(
        ns,
        `get jobs -l batch.kubernetes.io/cronjob-name=${cron.ref.name} --sort-by=.metadata.creationTimestamp`,
      ),
    ];
    if (spec.suspend === true) {
      yield {
        path: ['spec', 'suspend'],
        message: `CronJob "${cron.ref.name}" is suspended: no Jobs are created`,
        severity: 'low',
        cause: {
          key: `cronjob/${ns}/${cron.ref.name}`,
          summary: `CronJob ${ns}/${cron.ref.name} is suspended`,
          nextSteps: next,
        },
      };
    }
    const scheduled = Date.parse(status.lastScheduleTime ?? '');
    const succeeded = Date.parse(status.lastSuccessfulTime ?? '');
    const created = Date.parse(cron.object.metadata.creationTimestamp ?? '');
    if (Number.isNaN(scheduled)) {
      if (spec.suspend === true) return;
      // A day without a single run is suspicious for any schedule people actually use.
      if (Number.isNaN(created) || settings.now.getTime() - created > 24 * 3600_000) {
        yield {
          path: ['status'],
          message: `CronJob "${cron.ref.name}" has never been scheduled`,
          cause: {
            key: `cronjob/${ns}/${cron.ref.name}`,
            summary: `CronJob ${ns}/${cron.ref.name} has never run`,
            nextSteps: next,
          },
        };
      }
      return;
    }
    if (!Number.isNaN(succeeded) && succeeded >= scheduled) return;
    if (Number.isNaN(succeeded) && settings.now.getTime() - scheduled < 3600_000) return; // first run may still be going
    yield {
      path: ['status', 'lastSuccessfulTime'],
      message: `CronJob "${cron.ref.name}": last run ${age(new Date(scheduled), settings.now)} ago ${Number.isNaN(succeeded) ? 'and no run has ever succeeded' : `but the last success was ${age(new Date(succeeded), settings.now)} ago`}`,
      cause: {
        key: `cronjob-failing/${ns}/${cron.ref.name}`,
        summary: `CronJob ${ns}/${cron.ref.name}: runs are failing`,
        workload: `CronJob ${ns}/${cron.ref.name}`,
        nextSteps: next,
      },
    };
  },
});
