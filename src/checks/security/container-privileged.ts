// https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
import { defineCheck } from '../../core/check.ts';
import {
  describeContainer,
  isPrivileged,
  isWindowsPod,
  securedContainersOf,
} from '../../k8s/security-context.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const containerPrivileged = defineCheck({
  id: 'container-privileged',
  title: 'Container runs privileged',
  severity: 'critical',
  category: 'security',
  description:
    'A privileged container gets every Linux capability, every host device and no seccomp, AppArmor or SELinux ' +
    'confinement: a process in it is root on the node, and can escape the container trivially. Only the ' +
    "container's own securityContext.privileged counts; the pod-level securityContext has no such field.",
  remediation:
    'Remove `privileged: true` (or set it to false). Grant only the capabilities the process needs with ' +
    '`capabilities.add`, and use a device plugin for hardware access.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
  ],
  appliesTo: WORKLOAD_KINDS,
  peers: { polaris: ['runAsPrivileged'], 'kube-linter': ['privileged-container'] },
  fixes: {
    suggested:
      'set privileged: false. Never safe: privileged is always written by the author, and the process may need ' +
      'the host devices or capabilities it gives.',
  },
  *check({ object }) {
    for (const c of securedContainersOf(object)) {
      if (isWindowsPod(c.pod) || !isPrivileged(c)) continue;
      const path = [...c.contextPath, 'privileged'];
      yield {
        path,
        message: `${describeContainer(c)} runs privileged`,
        fix: {
          description: 'set privileged: false',
          edits: [{ op: 'set', path, value: false }],
          safety: 'suggested',
          risk: 'the author asked for it; the process may need host devices or capabilities',
        },
      };
    }
  },
});
