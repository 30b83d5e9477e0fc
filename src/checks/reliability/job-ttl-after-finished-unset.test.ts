import { testCheck } from '../../../test/support/check-tester.ts';
import { jobTtlAfterFinishedUnset } from './job-ttl-after-finished-unset.ts';

const job = (spec: string, metadata = '') => `
apiVersion: batch/v1
kind: Job
metadata: {name: migrate${metadata}}
spec:
  ${spec}
  template: {spec: {restartPolicy: Never, containers: [{name: m, image: "m:1"}]}}
`;
const cronJob = (jobSpec: string) => `
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      ${jobSpec}
      template: {spec: {restartPolicy: OnFailure, containers: [{name: n, image: "n:1"}]}}
`;

testCheck(jobTtlAfterFinishedUnset, {
  valid: [
    { name: 'standalone Job with TTL', yaml: job('ttlSecondsAfterFinished: 3600') },
    { name: 'TTL of 0 (delete at once) is set', yaml: job('ttlSecondsAfterFinished: 0') },
    {
      name: 'Job created by a CronJob',
      yaml: job(
        'backoffLimit: 2',
        ', ownerReferences: [{apiVersion: batch/v1, kind: CronJob, name: nightly, uid: u, controller: true}]',
      ),
    },
    { name: 'CronJob without a Job TTL', yaml: cronJob('backoffLimit: 1') },
  ],
  invalid: [
    {
      name: 'standalone Job without TTL',
      yaml: job('backoffLimit: 2'),
      findings: [{ message: 'Job "migrate" does not set ttlSecondsAfterFinished', path: 'spec' }],
    },
    {
      name: 'CronJob sets the Job TTL',
      yaml: cronJob('ttlSecondsAfterFinished: 600'),
      findings: [
        {
          message:
            'CronJob "nightly" sets ttlSecondsAfterFinished on its Jobs, which competes with its history limits',
          path: 'spec.jobTemplate.spec.ttlSecondsAfterFinished',
        },
      ],
    },
  ],
});
