// https://kubernetes.io/docs/concepts/workloads/controllers/job/#job-termination-and-cleanup
// https://kubernetes.io/docs/concepts/workloads/controllers/job/#success-policy
// https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/job-v1/#JobStatus
import { defineCheck } from '../../core/check.ts';
import { kubectl } from '../../diagnose/pod-context.ts';
import { controllerRef } from '../../k8s/owners.ts';

interface JobStatus {
  conditions?: { type?: string; status?: string; lastTransitionTime?: string }[];
  succeeded?: number;
  failed?: number;
}

interface JobSpec {
  completions?: number;
  successPolicy?: unknown;
}

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

export const jobCompleteWithoutSuccess = defineCheck({
  id: 'job-complete-without-success',
  title: 'Job is marked Complete but counts fewer successful pods than completions',
  severity: 'low',
  category: 'reliability',
  description:
    'The Job controller adds the Complete condition only once status.succeeded reaches spec.completions (or, ' +
    'for Indexed Jobs, once a successPolicy rule is met). A Job that says Complete while its status counts fewer ' +
    'successes, and has no successPolicy, has a status the Job controller did not write: edited by hand or a ' +
    'tool, or mirrored by another controller. Whether its work was done cannot be read from it. A Job that ' +
    'succeeded after retried failures (succeeded reached completions, failed > 0) is Complete as designed and ' +
    'is not reported.',
  remediation:
    "Check the Job's pods and their logs (kubectl get pods -l job-name=<job>) to learn whether the work was " +
    'done, and re-run the Job if it was not; find out what wrote its status (managedFields, spec.managedBy).',
  docs: ['https://kubernetes.io/docs/concepts/workloads/controllers/job/#job-termination-and-cleanup'],
  appliesTo: ['Job'],
  peers: {},
  *check(job) {
    const status = (job.object.status ?? {}) as JobStatus;
    const spec = (job.object.spec ?? {}) as JobSpec;
    const conditions = Array.isArray(status.conditions) ? status.conditions : [];
    const complete = conditions.find((c) => c?.type === 'Complete' && c.status === 'True');
    if (!complete || conditions.some((c) => c?.type === 'Failed' && c.status === 'True')) return;
    // With a successPolicy (Indexed Jobs) Complete legitimately comes before every index succeeded.
    if (spec.successPolicy !== undefined && spec.successPolicy !== null) return;
    const succeeded = count(status.succeeded);
    // Unset completions: the Job is done when one pod succeeded (work queue) — the API defaults it to 1 otherwise.
    const completions = typeof spec.completions === 'number' ? spec.completions : 1;
    if (succeeded >= completions) return;
    const failed = count(status.failed);
    const owner = controllerRef(job);
    const ns = job.ref.namespace;
    yield {
      path: ['status'],
      message: `Job "${job.ref.name}" is marked Complete but its status counts ${succeeded}/${completions} succeeded${failed > 0 ? ` and ${failed} failed` : ''}: the Job controller sets Complete only once succeeded reaches completions, so whether the work was done is unknown`,
      evidence: [
        `condition Complete=True${complete.lastTransitionTime ? ` since ${complete.lastTransitionTime}` : ''}`,
        `status: succeeded ${succeeded}, failed ${failed}; spec: completions ${completions}`,
      ],
      cause: {
        key: `job-complete-without-success/${ns}/${job.ref.name}`,
        summary: `Job ${ns}/${job.ref.name} reports Complete without the successes it needs`,
        workload: owner ? `${owner.kind} ${ns}/${owner.name}` : `Job ${ns}/${job.ref.name}`,
        nextSteps: [
          kubectl(ns, `get pods -l job-name=${job.ref.name}`),
          kubectl(ns, `describe job ${job.ref.name}`),
        ],
      },
    };
  },
});
