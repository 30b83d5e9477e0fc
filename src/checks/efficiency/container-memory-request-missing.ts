// https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
import { defineCheck } from '../../core/check.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';
import { missingResource } from './_resource-check.ts';

export const containerMemoryRequestMissing = defineCheck({
  id: 'container-memory-request-missing',
  title: 'Container has no memory request',
  severity: 'medium',
  category: 'efficiency',
  description:
    'The scheduler places pods by their requests. A container without a memory request is scheduled as if it ' +
    'needed no memory: nodes get overcommitted and, under memory pressure, the kubelet evicts pods that use more ' +
    'than they requested first. A memory limit without a request defaults the request to the limit, so that ' +
    'case is fine.',
  remediation:
    'Set resources.requests.memory to the working set the container needs (e.g. from metrics), or set a ' +
    'default with a LimitRange in the namespace.',
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    'https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/',
  ],
  appliesTo: WORKLOAD_KINDS,
  peers: { polaris: ['memoryRequestsMissing'] },
  check: (loaded, ctx) => missingResource(loaded, ctx, 'requests', 'memory'),
});
