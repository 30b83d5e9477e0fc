// https://kubernetes.io/docs/concepts/workloads/controllers/job/#handling-pod-and-container-failures
// https://kubernetes.io/docs/concepts/workloads/controllers/job/#success-policy
// https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/job-v1/#JobStatus
import { defineCheck } from '../../core/check.ts';
import { kubectl } from '../../diagnose/pod-context.ts';
import { controllerRef } from '../../k8s/owners.ts';

/** A retry older than this is history; the weekly hygiene sweep deals with finished Jobs left behind. */
const RECENT_MS = 24 * 3600_000;

interface JobStatus {
  conditions?: { type?: string; status?: string; lastTransitionTime?: string }[];
  succeeded?: number;
  failed?: number;
  completionTime?: string;
}

interface JobSpec {
  completions?: number;
  backoffLimit?: number;
  successPolicy?: unknown;
}

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

export const jobSucceededAfterRetries = defineCheck({
  id: 'job-succeeded-after-retries',
  title: 'Job succeeded only after failed attempts',
  severity: 'info',
  category: 'reliability',
  description:
    'The Job is Complete, but some of its pods failed first and were retried (status.failed > 0). The work got ' +
    'done, so this is not a failure; a Job that needs retries to succeed is flaky, though, and one more failure ' +
    'would have exhausted backoffLimit. A Job marked Complete whose status counts fewer successful pods than ' +
    'spec.completions (and that has no successPolicy) contradicts how the Job controller writes status: the ' +
    'controller adds Complete only once succeeded reaches completions, so such a status was edited or written by ' +
    'another controller and the result deserves a look.',
  remediation:
    "Read the failed pods' logs (kubectl get pods -l job-name=<job>, kubectl logs <pod>) and fix what made the " +
    'first attempts fail (a dependency not yet up, a timeout, an OOM kill); make the Job idempotent if retries are ' +
    'expected.',
  docs: [
    'https://kubernetes.io/docs/concepts/workloads/controllers/job/#handling-pod-and-container-failures',
  ],
  appliesTo: ['Job'],
  peers: {},
  *check(job, { settings }) {
    const status = (job.object.status ?? {}) as JobStatus;
    const spec = (job.object.spec ?? {}) as JobSpec;
    const conditions = Array.isArray(status.conditions) ? status.conditions : [];
    const complete = conditions.find((c) => c?.type === 'Complete' && c.status === 'True');
    if (!complete || conditions.some((c) => c?.type === 'Failed' && c.status === 'True')) return;
    const failed = count(status.failed);
    if (failed === 0) return;
    const succeeded = count(status.succeeded);
    const completions = typeof spec.completions === 'number' ? spec.completions : 1;
    // With a successPolicy (Indexed Jobs) Complete may legitimately come before every index succeeded.
    const contradictory = succeeded < completions && spec.successPolicy === undefined;
    const finished = Date.parse(status.completionTime ?? complete.lastTransitionTime ?? '');
    if (!contradictory && !Number.isNaN(finished) && settings.now.getTime() - finished > RECENT_MS) return;
    const owner = controllerRef(job);
    const ns = job.ref.namespace;
    const limit = typeof spec.backoffLimit === 'number' ? spec.backoffLimit : 6;
    const pods = `${failed} failed pod${failed === 1 ? '' : 's'}`;
    yield {
      path: ['status'],
      message: contradictory
        ? `Job "${job.ref.name}" is marked Complete but its status counts ${succeeded}/${completions} succeeded and ${pods}: a status the Job controller never writes (it sets Complete once succeeded reaches completions), so the result needs checking`
        : `Job "${job.ref.name}" succeeded after ${pods} (backoffLimit ${limit})`,
      severity: contradictory ? 'low' : 'info',
      evidence: [
        `condition Complete=True${complete.lastTransitionTime ? ` since ${complete.lastTransitionTime}` : ''}`,
        `status: succeeded ${succeeded}, failed ${failed}; spec: completions ${completions}, backoffLimit ${limit}`,
      ],
      cause: {
        key:
          owner?.kind === 'CronJob'
            ? `cronjob-retries/${ns}/${owner.name}`
            : `job-retries/${ns}/${job.ref.name}`,
        summary:
          owner?.kind === 'CronJob'
            ? `CronJob ${ns}/${owner.name}: runs succeed only after failed attempts`
            : `Job ${ns}/${job.ref.name} ${contradictory ? 'reports Complete without its successes' : 'succeeded only after failed attempts'}`,
        workload: owner ? `${owner.kind} ${ns}/${owner.name}` : `Job ${ns}/${job.ref.name}`,
        nextSteps: [
          kubectl(ns, `get pods -l job-name=${job.ref.name}`),
          kubectl(ns, `describe job ${job.ref.name}`),
        ],
      },
    };
  },
});
