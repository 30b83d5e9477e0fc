// https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#replicas
import { defineCheck } from '../../core/check.ts';
import { getAt } from '../../core/path.ts';
import { hpaFor, reviewedThroughOwner } from '../../k8s/replicas.ts';
import { replicasOf } from '../../k8s/workloads.ts';

export const workloadSingleReplica = defineCheck<{ minReplicas: number }>({
  id: 'workload-single-replica',
  title: 'Workload runs fewer replicas than the minimum',
  severity: 'medium',
  category: 'reliability',
  indexes: ['hpa-targets'],
  description:
    'With one replica every node drain, eviction, rollout or crash is an outage: nothing else serves while the ' +
    'pod is replaced. spec.replicas defaults to 1 when unset. Workloads scaled by a HorizontalPodAutoscaler in ' +
    'the set are judged by hpa-min-replicas-low instead (the HPA owns the count), and replicas: 0 (deliberately ' +
    'scaled down) is not reported. The minimum is the minReplicas parameter (default 2; kube-linter’s ' +
    'minimum-three-replicas uses 3).',
  remediation:
    'Set spec.replicas to at least the minimum (and spread the replicas with pod anti-affinity or topology ' +
    'spread constraints), or let an HPA with minReplicas ≥ 2 manage it.',
  docs: [
    'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#replicas',
    'https://kubernetes.io/docs/concepts/workloads/pods/disruptions/',
  ],
  appliesTo: ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig'],
  params: { minReplicas: 2 },
  peers: { polaris: ['deploymentMissingReplicas'], 'kube-linter': ['minimum-three-replicas'] },
  peerParams: { 'kube-linter': { 'minimum-three-replicas': { minReplicas: 3 } } },
  *check({ object }, { index, params }) {
    if (reviewedThroughOwner(index, object) || hpaFor(index, object)) return;
    const replicas = replicasOf(object);
    if (replicas === undefined || replicas === 0 || replicas >= params.minReplicas) return;
    const declared = getAt(object, ['spec', 'replicas']);
    yield {
      path: typeof declared === 'number' ? ['spec', 'replicas'] : ['spec'],
      message: `${object.kind} "${object.metadata.name}" runs ${replicas} ${replicas === 1 ? 'replica' : 'replicas'}${
        typeof declared === 'number' ? '' : ' (spec.replicas unset)'
      }; the minimum is ${params.minReplicas}`,
    };
  },
});
