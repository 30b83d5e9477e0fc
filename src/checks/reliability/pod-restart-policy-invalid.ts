// https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy
import { defineCheck } from '../../core/check.ts';
import { reviewedThroughOwner } from '../../k8s/replicas.ts';
import { podSpecOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

const ALL = ['Always', 'OnFailure', 'Never'];
/** Values the API server accepts in each kind's pod template. */
const ALLOWED: Record<string, string[]> = {
  Deployment: ['Always'],
  StatefulSet: ['Always'],
  DaemonSet: ['Always'],
  ReplicaSet: ['Always'],
  ReplicationController: ['Always'],
  DeploymentConfig: ['Always'],
  Job: ['OnFailure', 'Never'],
  CronJob: ['OnFailure', 'Never'],
};

export const podRestartPolicyInvalid = defineCheck({
  id: 'pod-restart-policy-invalid',
  title: 'Pod restartPolicy is not allowed for this kind (rejected by the API server)',
  severity: 'high',
  category: 'reliability',
  description:
    'Controllers that keep pods running (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController) ' +
    'accept only restartPolicy Always in their template. Jobs and CronJobs accept only OnFailure or Never, and ' +
    'an unset restartPolicy defaults to Always, so a Job template without one is rejected as well. Bare pods ' +
    'accept Always, OnFailure and Never. Anything else fails at apply time (a value no kind accepts, like a ' +
    'typo, is reported by schema-invalid-value).',
  remediation:
    'Use restartPolicy: Always (or leave it unset) for long-running controllers; set OnFailure or Never on Job ' +
    'and CronJob pod templates.',
  docs: [
    'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy',
    'https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-template',
    'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#pod-template',
  ],
  appliesTo: WORKLOAD_KINDS,
  example: {
    bad: `
apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  template:
    spec:
      containers: [{name: migrate, image: "migrate:1.0.0"}]
`,
    good: `
apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  template:
    spec:
      restartPolicy: OnFailure
      containers: [{name: migrate, image: "migrate:1.0.0"}]
`,
  },
  *check({ object }, { index }) {
    if (reviewedThroughOwner(index, object)) return;
    const pod = podSpecOf(object);
    if (!pod) return;
    const declared = pod.spec.restartPolicy;
    // A value outside Always/OnFailure/Never is schema-invalid-value's finding (the enum), not said twice.
    if (declared !== undefined && (typeof declared !== 'string' || !ALL.includes(declared))) return;
    const allowed = ALLOWED[object.kind] ?? ALL;
    const effective = declared ?? 'Always';
    if (allowed.includes(effective)) return;
    yield {
      path: declared === undefined ? pod.path : [...pod.path, 'restartPolicy'],
      message:
        declared === undefined
          ? `${object.kind} pod template has no restartPolicy; the default Always is not allowed (use ${allowed.join(' or ')})`
          : `${object.kind} pod template has restartPolicy "${declared}"; allowed: ${allowed.join(', ')}`,
    };
  },
});
