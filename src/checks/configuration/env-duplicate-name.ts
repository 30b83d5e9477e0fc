// https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/
import { defineCheck } from '../../core/check.ts';
import { reviewedThroughOwner } from '../../k8s/replicas.ts';
import { containerName, containersOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const envDuplicateName = defineCheck({
  id: 'env-duplicate-name',
  title: 'Container defines the same environment variable twice',
  severity: 'medium',
  category: 'configuration',
  description:
    'When env lists a name twice, the container gets the last value, so the earlier entry is dead code that ' +
    'readers take for the real one. Worse, env is merged by name in strategic-merge patches and kubectl apply: ' +
    'duplicates make later edits remove or keep the wrong entry, and server-side apply rejects them.',
  remediation: 'Keep one entry per name in each container’s env list.',
  docs: [
    'https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/',
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables',
  ],
  appliesTo: WORKLOAD_KINDS,
  peers: { 'kube-linter': ['duplicate-env-var'] },
  *check({ object }, { index }) {
    if (reviewedThroughOwner(index, object)) return;
    for (const { container, path } of containersOf(object)) {
      if (!Array.isArray(container.env)) continue;
      const seen = new Set<string>();
      const reported = new Set<string>();
      for (const entry of container.env) {
        const name = entry && typeof entry === 'object' ? entry.name : undefined;
        if (typeof name !== 'string') continue;
        if (seen.has(name)) reported.add(name);
        else seen.add(name);
      }
      for (const name of reported) {
        const last = container.env.findLastIndex((e) => e && typeof e === 'object' && e.name === name);
        yield {
          path: [...path, 'env', last],
          message: `container "${containerName(container)}" defines the environment variable "${name}" more than once`,
        };
      }
    }
  },
});
