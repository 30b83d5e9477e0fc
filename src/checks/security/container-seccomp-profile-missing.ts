// https://kubernetes.io/docs/tutorials/security/seccomp/
// https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted (Seccomp)
import { defineCheck } from '../../core/check.ts';
import {
  asDict,
  describeContainer,
  effective,
  isPrivileged,
  isWindowsPod,
  securedContainersOf,
} from '../../k8s/security-context.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const containerSeccompProfileMissing = defineCheck({
  id: 'container-seccomp-profile-missing',
  title: 'Container runs without a seccomp profile',
  severity: 'low',
  category: 'security',
  description:
    'Without a seccomp profile a container can make every system call the kernel offers, including the ones ' +
    'most container escapes start with (unshare, keyctl, bpf, mount). The kubelet does not apply the runtime ' +
    'default profile unless the cluster turns on SeccompDefault, so an unset seccompProfile usually means ' +
    'Unconfined. The container’s seccompProfile wins over the pod’s. Reported as low when unset and as medium ' +
    'when a profile is explicitly Unconfined. Privileged containers (seccomp does not apply to them; ' +
    'container-privileged reports those) and Windows pods are not judged.',
  remediation:
    'Set `securityContext.seccompProfile.type: RuntimeDefault` in the pod securityContext (or `Localhost` with a ' +
    'profile of your own), and check the application still starts: the runtime profile blocks a few rarely ' +
    'used system calls.',
  docs: [
    'https://kubernetes.io/docs/tutorials/security/seccomp/',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
  ],
  appliesTo: WORKLOAD_KINDS,
  fixes: {
    suggested:
      "set seccompProfile type RuntimeDefault. Only suggested: the runtime's profile blocks syscalls some " +
      'programs rely on (namespaces for sandboxed browsers, ptrace for profilers, keyctl, …).',
  },
  example: {
    bad: `spec:
  containers:
  - name: api
    image: registry.example.com/api:1.2.0
`,
    good: `spec:
  securityContext:
    seccompProfile: {type: RuntimeDefault}
  containers:
  - name: api
    image: registry.example.com/api:1.2.0
`,
  },
  *check({ object }) {
    for (const c of securedContainersOf(object)) {
      if (isWindowsPod(c.pod) || isPrivileged(c)) continue;
      const profile = effective(c, 'seccompProfile');
      const type = asDict(profile?.value)?.type;
      if (typeof type === 'string' && type !== '' && type !== 'Unconfined') continue;
      const fix = {
        description: 'set seccompProfile type RuntimeDefault',
        edits: [
          { op: 'set' as const, path: [...c.contextPath, 'seccompProfile', 'type'], value: 'RuntimeDefault' },
        ],
        safety: 'suggested' as const,
        risk: 'the runtime profile blocks syscalls some programs use (unshare, ptrace, keyctl, …)',
      };
      if (type === 'Unconfined') {
        yield {
          path: [...profile!.path, 'type'],
          severity: 'medium',
          message: `${describeContainer(c)} runs with seccomp profile Unconfined`,
          fix,
        };
        continue;
      }
      yield {
        path: c.context ? c.contextPath : c.path,
        message: `${describeContainer(c)} has no seccomp profile (neither its own nor the pod's)`,
        fix,
      };
    }
  },
});
