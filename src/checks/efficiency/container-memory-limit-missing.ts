// https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
import { defineCheck } from '../../core/check.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';
import { missingResource } from './_resource-check.ts';

export const containerMemoryLimitMissing = defineCheck({
  id: 'container-memory-limit-missing',
  title: 'Container has no memory limit',
  severity: 'medium',
  category: 'efficiency',
  description:
    'Memory is not compressible. A container without a memory limit can grow until the node runs out of ' +
    'memory, and then the kernel OOM killer or kubelet eviction takes down other pods on the node too. With a ' +
    'limit, only the container that exceeds it is OOM-killed and restarted. A limit of 0 is the same as none.',
  remediation:
    'Set resources.limits.memory a margin above the container’s peak working set (often equal to the request), ' +
    'or set a default with a LimitRange in the namespace.',
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#how-pods-with-resource-limits-are-run',
    'https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/',
  ],
  appliesTo: WORKLOAD_KINDS,
  peers: { polaris: ['memoryLimitsMissing'], 'kube-linter': ['unset-memory-requirements'] },
  example: {
    bad: `
apiVersion: v1
kind: Pod
metadata: {name: api}
spec:
  containers:
    - name: api
      image: api:2.1.0
      resources:
        requests: {cpu: 250m, memory: 256Mi}
`,
    good: `
apiVersion: v1
kind: Pod
metadata: {name: api}
spec:
  containers:
    - name: api
      image: api:2.1.0
      resources:
        requests: {cpu: 250m, memory: 256Mi}
        limits: {memory: 512Mi}
`,
  },
  check: (loaded, ctx) => missingResource(loaded, ctx, 'limits', 'memory'),
});
