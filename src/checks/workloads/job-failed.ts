// https://kubernetes.io/docs/concepts/workloads/controllers/job/#handling-pod-and-container-failures
import { defineCheck } from '../../core/check.ts';
import { kubectl } from '../../diagnose/pod-context.ts';
import { conditionText } from '../../k8s/condition-text.ts';
import { controllerRef } from '../../k8s/owners.ts';

export const jobFailed = defineCheck({
  id: 'job-failed',
  title: 'Job failed',
  severity: 'medium',
  category: 'reliability',
  description:
    'The Job gave up: its pods failed more often than backoffLimit allows (BackoffLimitExceeded) or it ran longer ' +
    "than activeDeadlineSeconds (DeadlineExceeded). For a CronJob the next run starts on schedule, but this run's " +
    'work was not done.',
  remediation:
    "Read the logs of the Job's last failed pod, fix the cause, then re-run it (kubectl create job --from=cronjob/… or re-apply).",
  docs: ['https://kubernetes.io/docs/concepts/workloads/controllers/job/'],
  appliesTo: ['Job'],
  peers: { k8sgpt: ['Job'], popeye: ['POP-1500'] },
  *check(job) {
    const conditions = (
      job.object.status as
        | { conditions?: { type?: string; status?: string; reason?: string; message?: string }[] }
        | undefined
    )?.conditions;
    const failed = Array.isArray(conditions)
      ? conditions.find((c) => c?.type === 'Failed' && c.status === 'True')
      : undefined;
    if (!failed) return;
    const owner = controllerRef(job);
    const ns = job.ref.namespace;
    yield {
      path: ['status', 'conditions', conditions!.indexOf(failed)],
      message: `Job "${job.ref.name}" failed (${failed.reason ?? 'Failed'})${failed.message ? `: ${failed.message}` : ''}`,
      evidence: [conditionText('Failed', 'True', failed.reason, failed.message)],
      cause: {
        key:
          owner?.kind === 'CronJob'
            ? `cronjob-failing/${ns}/${owner.name}`
            : `job-failed/${ns}/${job.ref.name}`,
        summary:
          owner?.kind === 'CronJob'
            ? `CronJob ${ns}/${owner.name}: runs are failing (${failed.reason ?? 'Failed'})`
            : `Job ${ns}/${job.ref.name} failed (${failed.reason ?? 'Failed'})`,
        workload: owner ? `${owner.kind} ${ns}/${owner.name}` : `Job ${ns}/${job.ref.name}`,
        nextSteps: [
          kubectl(ns, `logs job/${job.ref.name} --tail=50`),
          kubectl(ns, `describe job ${job.ref.name}`),
        ],
      },
    };
  },
});
