// https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
import { defineCheck } from '../../core/check.ts';
import {
  describeContainer,
  effective,
  isWindowsPod,
  securedContainersOf,
} from '../../k8s/security-context.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const containerRunsAsRoot = defineCheck<{ flagRootGroup: boolean }>({
  id: 'container-runs-as-root',
  title: 'Container may run as root',
  severity: 'medium',
  category: 'security',
  description:
    'A container runs as root unless its effective runAsUser is 1 or more, or runAsNonRoot is true (then the ' +
    'kubelet refuses to start an image whose user is root). Both fields exist at pod and container level; the ' +
    "container's value wins. Without either, the image's USER decides, and most images default to root: a " +
    'container escape then starts as UID 0 on the node. runAsUser 0 is reported as high (with runAsNonRoot: true ' +
    'it also keeps the container from starting). With flagRootGroup (on by default), an effective runAsGroup of ' +
    '0 is also reported: the process gets the root group and every file writable by it.',
  remediation:
    'Set `runAsNonRoot: true` and a non-zero `runAsUser` (and `runAsGroup`) in the pod securityContext, and build ' +
    'the image with a numeric non-root USER.',
  docs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
  ],
  appliesTo: WORKLOAD_KINDS,
  params: { flagRootGroup: true },
  peers: { polaris: ['runAsRootAllowed'], 'kube-linter': ['run-as-non-root'] },
  fixes: {
    suggested:
      'set runAsNonRoot: true. Only suggested: the finding means no non-zero runAsUser is set, so the user comes ' +
      'from the image, and the kubelet refuses to start a container whose image runs as root.',
  },
  *check({ object }, { params }) {
    for (const c of securedContainersOf(object)) {
      if (isWindowsPod(c.pod)) continue;
      const user = effective(c, 'runAsUser');
      const nonRoot = effective(c, 'runAsNonRoot');
      if (params.flagRootGroup) {
        const group = effective(c, 'runAsGroup');
        if (group?.value === 0)
          yield { path: group.path, message: `${describeContainer(c)} runs with runAsGroup 0` };
      }
      if (typeof user?.value === 'number' && user.value > 0) continue;
      if (user?.value === 0) {
        yield {
          path: user.path,
          severity: 'high',
          message:
            nonRoot?.value === true
              ? `${describeContainer(c)} sets runAsUser 0 and runAsNonRoot: true, so it cannot start`
              : `${describeContainer(c)} runs as root (runAsUser 0)`,
        };
        continue;
      }
      if (nonRoot?.value === true) continue;
      const path = [...c.contextPath, 'runAsNonRoot'];
      yield {
        path: nonRoot ? nonRoot.path : c.context ? c.contextPath : c.path,
        message:
          nonRoot?.value === false
            ? `${describeContainer(c)} sets runAsNonRoot: false and no non-root runAsUser`
            : `${describeContainer(c)} sets neither runAsNonRoot: true nor a non-root runAsUser`,
        fix: {
          description: 'set runAsNonRoot: true',
          edits: [{ op: 'set', path, value: true }],
          safety: 'suggested',
          risk: 'without a non-root runAsUser, the kubelet refuses to start an image whose USER is root',
        },
      };
    }
  },
});
