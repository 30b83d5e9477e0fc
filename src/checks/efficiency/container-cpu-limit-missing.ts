// https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
import { defineCheck } from '../../core/check.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';
import { missingResource } from './_resource-check.ts';

export const containerCpuLimitMissing = defineCheck({
  id: 'container-cpu-limit-missing',
  title: 'Container has no CPU limit',
  severity: 'low',
  category: 'efficiency',
  description:
    'Without a CPU limit a container may use any idle CPU on its node. Some teams require limits so that one ' +
    'workload cannot starve its neighbours or to get the Guaranteed QoS class. Many others deliberately leave ' +
    'CPU limits unset: CPU is compressible, a limit throttles the container (CFS quota) even when the node is ' +
    'idle, and requests already guarantee each container its share. Off by default for that reason; turn it ' +
    'on where your policy requires CPU limits.',
  remediation:
    'Set resources.limits.cpu (equal to the request for the Guaranteed QoS class), or set a default with a ' +
    'LimitRange in the namespace.',
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#how-pods-with-resource-limits-are-run',
    'https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/',
  ],
  appliesTo: WORKLOAD_KINDS,
  enabledByDefault: false,
  peers: { polaris: ['cpuLimitsMissing'] },
  check: (loaded, ctx) => missingResource(loaded, ctx, 'limits', 'cpu'),
});
