import { testCheck } from '../../../test/support/check-tester.ts';
import { cronjobStartingDeadlineMissing } from './cronjob-starting-deadline-missing.ts';

const cron = (extra: string) => `apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "*/5 * * * *"
${extra}  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: r, image: "report:1.0.0"}]
`;

testCheck(cronjobStartingDeadlineMissing, {
  valid: [
    { name: 'deadline set', yaml: cron('  startingDeadlineSeconds: 120\n') },
    {
      name: 'deadline 0 is still a deadline (set by the author)',
      yaml: cron('  startingDeadlineSeconds: 0\n'),
    },
  ],
  invalid: [
    {
      name: 'no deadline',
      yaml: cron(''),
      findings: [{ message: 'CronJob "report" sets no startingDeadlineSeconds', path: 'spec', line: 4 }],
    },
    { name: 'deadline of the wrong type', yaml: cron('  startingDeadlineSeconds: "120"\n'), findings: [{}] },
  ],
});
