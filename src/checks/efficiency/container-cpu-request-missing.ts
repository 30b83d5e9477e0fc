// https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
import { defineCheck } from '../../core/check.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';
import { missingResource } from './_resource-check.ts';

export const containerCpuRequestMissing = defineCheck({
  id: 'container-cpu-request-missing',
  title: 'Container has no CPU request',
  severity: 'medium',
  category: 'efficiency',
  description:
    'The scheduler places pods by their requests. A container without a CPU request is scheduled as if it ' +
    'needed no CPU: nodes get overcommitted, the pod lands in the BestEffort or Burstable QoS class, and under ' +
    'contention it gets the smallest CPU share. A request of 0 is the same. A CPU limit without a request ' +
    'defaults the request to the limit, so that case is fine.',
  remediation:
    'Set resources.requests.cpu to what the container uses in steady state (e.g. from metrics: the p90 usage), ' +
    'or set a default with a LimitRange in the namespace.',
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    'https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/',
    'https://kubernetes.io/docs/concepts/policy/limit-range/',
  ],
  appliesTo: WORKLOAD_KINDS,
  peers: { polaris: ['cpuRequestsMissing'], 'kube-linter': ['unset-cpu-requirements'] },
  check: (loaded, ctx) => missingResource(loaded, ctx, 'requests', 'cpu'),
});
