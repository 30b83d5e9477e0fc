import { testCheck } from '../../../test/support/check-tester.ts';
import { cronjobScheduleInvalid } from './cronjob-schedule-invalid.ts';

const cronJob = (schedule: string, extra = '') => `
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: ${schedule}
${extra}  jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: n, image: "n:1"}]}}}}
`;

testCheck(cronjobScheduleInvalid, {
  valid: [
    { name: 'five fields', yaml: cronJob('"*/15 2-4 * * mon-fri"') },
    { name: 'macro', yaml: cronJob('"@hourly"') },
    { name: 'time zone field', yaml: cronJob('"0 3 * * *"', '  timeZone: Europe/Paris\n') },
    { name: 'Etc/UTC', yaml: cronJob('"0 3 * * *"', '  timeZone: Etc/UTC\n') },
    {
      name: 'schedule missing is the schema check’s finding',
      yaml: cronJob('null').replace('  schedule: null\n', ''),
    },
  ],
  invalid: [
    {
      name: 'six fields (seconds)',
      yaml: cronJob('"0 0 3 * * *"'),
      findings: [
        {
          message:
            'CronJob "nightly" schedule "0 0 3 * * *" is invalid: expected exactly 5 fields (minute hour day-of-month month day-of-week), found 6',
          path: 'spec.schedule',
          line: 6,
        },
      ],
    },
    {
      name: 'day of week 7',
      yaml: cronJob('"0 0 * * 7"'),
      findings: [{ message: /day of week "7": 7 is above the maximum 6/ }],
    },
    {
      name: 'CRON_TZ prefix',
      yaml: cronJob('"CRON_TZ=UTC 0 3 * * *"'),
      findings: [{ message: /set spec.timeZone instead/ }],
    },
    { name: 'number instead of a string', yaml: cronJob('5'), findings: [{ message: /is not a string/ }] },
    {
      name: 'never runs',
      yaml: cronJob('"0 0 31 2 *"'),
      findings: [{ message: /never runs: no month selected by the schedule has day 31/, severity: 'medium' }],
    },
    {
      name: 'bad time zones',
      yaml: cronJob('"0 3 * * *"', '  timeZone: Mars/Olympus\n'),
      findings: [
        {
          message: 'CronJob "nightly" timeZone "Mars/Olympus" is not a time zone name',
          path: 'spec.timeZone',
        },
      ],
    },
    {
      name: 'Local is refused',
      yaml: cronJob('"0 3 * * *"', '  timeZone: Local\n'),
      findings: [{ message: /"Local"/ }],
    },
    {
      name: 'offset is not a zone',
      yaml: cronJob('"0 3 * * *"', '  timeZone: "+01:00"\n'),
      findings: [{ message: /"\+01:00"/ }],
    },
    {
      name: 'wrong case',
      yaml: cronJob('"0 3 * * *"', '  timeZone: europe/paris\n'),
      findings: [{ message: /"europe\/paris"/ }],
    },
  ],
});
