// https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
import { defineCheck } from '../../core/check.ts';
import { describeContainer, isWindowsPod, securedContainersOf } from '../../k8s/security-context.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const containerRootFilesystemWritable = defineCheck({
  id: 'container-root-filesystem-writable',
  title: 'Container root filesystem is writable',
  severity: 'low',
  category: 'security',
  description:
    'A writable root filesystem lets an attacker who gets code execution drop tools, modify binaries and persist ' +
    'inside the container. readOnlyRootFilesystem exists only on the container securityContext and defaults to ' +
    'false; a pod-level key of that name is not part of the API and has no effect.',
  remediation:
    'Set `securityContext.readOnlyRootFilesystem: true` and mount an `emptyDir` volume at each path the ' +
    'process must write to (/tmp, caches).',
  docs: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  appliesTo: WORKLOAD_KINDS,
  peers: { polaris: ['notReadOnlyRootFilesystem'], 'kube-linter': ['no-read-only-root-fs'] },
  fixes: {
    suggested:
      'set readOnlyRootFilesystem: true. Never safe: a process that writes to /tmp, a cache or a pid file stops ' +
      'working until emptyDir volumes are mounted there; an explicit false is never flipped by --fix.',
  },
  *check({ object }) {
    for (const c of securedContainersOf(object)) {
      if (isWindowsPod(c.pod)) continue;
      const value = c.context?.readOnlyRootFilesystem;
      if (value === true) continue;
      const path = [...c.contextPath, 'readOnlyRootFilesystem'];
      yield {
        path: value === undefined ? (c.context ? c.contextPath : c.path) : path,
        message:
          value === false
            ? `${describeContainer(c)} sets readOnlyRootFilesystem: false`
            : `${describeContainer(c)} does not set readOnlyRootFilesystem: true`,
        fix: {
          description: 'set readOnlyRootFilesystem: true',
          edits: [{ op: 'set', path, value: true }],
          safety: 'suggested',
          risk:
            value === false
              ? 'the author set false explicitly; the process may write to its filesystem'
              : 'the process may write to its filesystem (/tmp, caches, pid files)',
        },
      };
    }
  },
});
