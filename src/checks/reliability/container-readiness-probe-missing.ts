// https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/
import { defineCheck } from '../../core/check.ts';
import { hasProbe } from '../../k8s/probes.ts';
import { reviewedThroughOwner } from '../../k8s/replicas.ts';
import { containerName, containersOf, isJobLike, podSpecOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const containerReadinessProbeMissing = defineCheck({
  id: 'container-readiness-probe-missing',
  title: 'Container has no readiness probe',
  severity: 'medium',
  category: 'reliability',
  description:
    'A pod without a readiness probe is Ready as soon as its containers start, so Services send it traffic ' +
    'before the application listens, and a rolling update moves on to the next pod while this one still fails ' +
    'requests. Readiness also takes a pod out of rotation when it cannot serve. Jobs, CronJobs and pods with ' +
    'restartPolicy Never/OnFailure are exempt, as are init containers (sidecars included).',
  remediation:
    'Add readinessProbe that succeeds only when the container can serve (e.g. httpGet on /ready). Unlike ' +
    'liveness, readiness may check the dependencies the container needs to answer requests.',
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/',
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-readiness-probes',
  ],
  appliesTo: WORKLOAD_KINDS,
  peers: { polaris: ['readinessProbeMissing'], 'kube-linter': ['no-readiness-probe'] },
  *check({ object }, { index }) {
    if (reviewedThroughOwner(index, object)) return;
    if (isJobLike(object)) return;
    const restartPolicy = podSpecOf(object)?.spec.restartPolicy;
    if (restartPolicy === 'Never' || restartPolicy === 'OnFailure') return;
    for (const { container, path } of containersOf(object, ['containers'])) {
      if (hasProbe(container, 'readinessProbe')) continue;
      yield { path, message: `container "${containerName(container)}" has no readiness probe` };
    }
  },
});
