// https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
import { defineCheck } from '../../core/check.ts';
import { podSpecOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const podHostNetwork = defineCheck({
  id: 'pod-host-network',
  title: 'Pod uses the host network',
  description:
    "With hostNetwork the pod shares the node's network namespace: it can bind any node port, reach services " +
    'listening on localhost (kubelet, node agents), sniff node traffic with NET_RAW, and bypass NetworkPolicy.',
  remediation:
    'Remove `hostNetwork: true`; expose the pod through a Service. Only node-level networking agents need it.',
  peers: { polaris: ['hostNetworkSet'], 'kube-linter': ['host-network'] },
  severity: 'high',
  category: 'security',
  docs: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  appliesTo: WORKLOAD_KINDS,
  *check({ object }) {
    const pod = podSpecOf(object);
    if (pod?.spec.hostNetwork !== true) return;
    yield { path: [...pod.path, 'hostNetwork'], message: 'the pod sets hostNetwork: true' };
  },
});
