// https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
import { defineCheck } from '../../core/check.ts';
import { reviewedThroughOwner } from '../../k8s/replicas.ts';
import { isJobLike, podSpecOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const workloadTopologySpreadMissing = defineCheck<{ topologyKeys: string[] }>({
  id: 'workload-topology-spread-missing',
  title: 'Pod has no topology spread constraint over nodes or zones',
  severity: 'low',
  category: 'reliability',
  description:
    'topologySpreadConstraints make the scheduler spread a workload’s pods across failure domains (nodes, ' +
    'zones), so one node or zone outage takes down only part of it. Without one (or with constraints only on ' +
    'other keys) replicas may pile up in one domain. Jobs, CronJobs and DaemonSets (one pod per node already) ' +
    'are exempt. Off by default: clusters often set cluster-wide default constraints in the scheduler ' +
    'configuration, which a manifest cannot show.',
  remediation:
    'Add spec.template.spec.topologySpreadConstraints with topologyKey topology.kubernetes.io/zone (and/or ' +
    'kubernetes.io/hostname), maxSkew: 1 and a labelSelector matching the pod labels.',
  docs: [
    'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/',
    'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/#cluster-level-default-constraints',
  ],
  appliesTo: WORKLOAD_KINDS.filter((k) => k !== 'DaemonSet' && k !== 'Job' && k !== 'CronJob'),
  enabledByDefault: false,
  params: { topologyKeys: ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'] },
  peers: { polaris: ['topologySpreadConstraint'] },
  *check({ object }, { index, params }) {
    if (isJobLike(object) || reviewedThroughOwner(index, object)) return;
    const pod = podSpecOf(object);
    if (!pod) return;
    const constraints = pod.spec.topologySpreadConstraints;
    const list = Array.isArray(constraints) ? constraints : [];
    const ok = list.some(
      (c) =>
        c &&
        typeof c === 'object' &&
        params.topologyKeys.includes((c as { topologyKey?: string }).topologyKey ?? ''),
    );
    if (ok) return;
    yield {
      path: list.length > 0 ? [...pod.path, 'topologySpreadConstraints'] : pod.path,
      message:
        list.length > 0
          ? `pod has topology spread constraints, but none over ${params.topologyKeys.join(' or ')}`
          : 'pod has no topology spread constraints',
    };
  },
});
