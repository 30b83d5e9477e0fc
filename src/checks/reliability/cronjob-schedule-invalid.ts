// https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-syntax
import { defineCheck } from '../../core/check.ts';
import { parseCronSchedule } from '../../k8s/cron.ts';

function validTimeZone(zone: string): boolean {
  // "Local" is refused by the API server; everything else must be an IANA zone name.
  // Offsets ("+01:00") are not zone names; Go's zone lookup is case-sensitive, Intl's is not.
  if (zone === 'Local' || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    return !(resolved !== zone && resolved.toLowerCase() === zone.toLowerCase());
  } catch {
    return false;
  }
}

export const cronjobScheduleInvalid = defineCheck({
  id: 'cronjob-schedule-invalid',
  title: 'CronJob schedule or time zone is invalid',
  severity: 'high',
  category: 'reliability',
  description:
    'The API server parses spec.schedule with the standard 5-field cron grammar (minute 0-59, hour 0-23, ' +
    'day of month 1-31, month 1-12 or jan-dec, day of week 0-6 or sun-sat; *, ?, lists, ranges, steps) or a ' +
    'macro (@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, @every <duration>). Anything ' +
    'else is rejected; note that day of week 7 is not Sunday here. Since Kubernetes 1.29 a TZ= or CRON_TZ= ' +
    'prefix is rejected too: spec.timeZone holds the zone, and must be an IANA name. A valid schedule whose ' +
    'dates never occur (e.g. 30 February with any weekday) is accepted but never runs (reported as medium).',
  remediation:
    'Fix the schedule (crontab.guru helps), and move a time zone prefix into spec.timeZone (e.g. ' +
    '"Europe/Paris").',
  docs: [
    'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-syntax',
    'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones',
  ],
  appliesTo: ['CronJob'],
  example: {
    bad: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "CRON_TZ=Europe/Paris 0 6 * * 7"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: report, image: "report:3.0.1"}]
`,
    good: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "0 6 * * 0"
  timeZone: Europe/Paris
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: report, image: "report:3.0.1"}]
`,
  },
  *check({ object, ref }) {
    const spec = object.spec as Record<string, unknown> | undefined;
    if (!spec || typeof spec !== 'object') return;
    if (spec.schedule !== undefined) {
      const result = parseCronSchedule(spec.schedule);
      if (!result.valid)
        yield {
          path: ['spec', 'schedule'],
          message: `CronJob "${ref.name}" schedule ${JSON.stringify(spec.schedule)} is invalid: ${result.reason}`,
        };
      else if (result.neverRuns)
        yield {
          path: ['spec', 'schedule'],
          severity: 'medium',
          message: `CronJob "${ref.name}" schedule ${JSON.stringify(spec.schedule)} never runs: ${result.neverRuns}`,
        };
    }
    if (typeof spec.timeZone === 'string' && !validTimeZone(spec.timeZone))
      yield {
        path: ['spec', 'timeZone'],
        message: `CronJob "${ref.name}" timeZone "${spec.timeZone}" is not a time zone name`,
      };
  },
});
