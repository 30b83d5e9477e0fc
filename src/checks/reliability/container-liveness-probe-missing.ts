// https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/
import { defineCheck } from '../../core/check.ts';
import { hasProbe } from '../../k8s/probes.ts';
import { reviewedThroughOwner } from '../../k8s/replicas.ts';
import { containerName, containersOf, isJobLike, podSpecOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const containerLivenessProbeMissing = defineCheck({
  id: 'container-liveness-probe-missing',
  title: 'Container has no liveness probe',
  severity: 'low',
  category: 'reliability',
  description:
    'Without a liveness probe the kubelet restarts a container only when its process exits. A process that ' +
    'hangs (deadlock, stuck event loop) keeps its pod Running and serving errors until someone notices. A ' +
    'liveness probe should test only the process itself, never its dependencies, or one slow database restarts ' +
    'every replica at once. Jobs, CronJobs and pods with restartPolicy Never/OnFailure run to completion and are ' +
    'exempt, as are init containers (sidecars included).',
  remediation:
    'Add livenessProbe (httpGet on a cheap /healthz, tcpSocket, grpc or exec) with a failureThreshold × ' +
    'periodSeconds longer than the worst legitimate pause, and a startupProbe for slow starts.',
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/',
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
  ],
  appliesTo: WORKLOAD_KINDS,
  peers: { polaris: ['livenessProbeMissing'], 'kube-linter': ['no-liveness-probe'] },
  *check({ object }, { index }) {
    if (reviewedThroughOwner(index, object)) return;
    if (isJobLike(object)) return;
    const restartPolicy = podSpecOf(object)?.spec.restartPolicy;
    if (restartPolicy === 'Never' || restartPolicy === 'OnFailure') return;
    for (const { container, path } of containersOf(object, ['containers'])) {
      if (hasProbe(container, 'livenessProbe')) continue;
      yield { path, message: `container "${containerName(container)}" has no liveness probe` };
    }
  },
});
