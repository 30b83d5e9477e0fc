// https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/
import { defineCheck } from '../../core/check.ts';
import { reviewedThroughOwner } from '../../k8s/replicas.ts';
import { podSpecOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const podNodeAffinityMissing = defineCheck({
  id: 'pod-node-affinity-missing',
  title: 'Pod does not constrain which nodes it runs on',
  severity: 'info',
  category: 'reliability',
  description:
    'Without node affinity or a nodeSelector a pod may land on any node, including node pools meant for other ' +
    'workloads (GPU, spot, system). Off by default: only clusters that partition nodes need every workload ' +
    'to say where it belongs.',
  remediation:
    'Add spec.template.spec.affinity.nodeAffinity (required or preferred terms) or a nodeSelector for the ' +
    'node pool the workload belongs to.',
  docs: ['https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#node-affinity'],
  appliesTo: WORKLOAD_KINDS,
  enabledByDefault: false,
  peers: { 'kube-linter': ['no-node-affinity'] },
  *check({ object }, { index }) {
    if (reviewedThroughOwner(index, object)) return;
    const pod = podSpecOf(object);
    if (!pod) return;
    const nodeAffinity = (pod.spec.affinity as { nodeAffinity?: Record<string, unknown> } | undefined)
      ?.nodeAffinity;
    const required = (
      nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution as { nodeSelectorTerms?: unknown }
    )?.nodeSelectorTerms;
    const preferred = nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    if (Array.isArray(required) && required.length > 0) return;
    if (Array.isArray(preferred) && preferred.length > 0) return;
    const selector = pod.spec.nodeSelector;
    if (selector && typeof selector === 'object' && Object.keys(selector).length > 0) return;
    if (typeof pod.spec.nodeName === 'string' && pod.spec.nodeName !== '') return;
    yield { path: pod.path, message: 'pod has no node affinity and no nodeSelector' };
  },
});
