// https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
import { defineCheck } from '../../core/check.ts';
import {
  addsCapability,
  describeContainer,
  isPrivileged,
  isWindowsPod,
  securedContainersOf,
} from '../../k8s/security-context.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const containerPrivilegeEscalationAllowed = defineCheck({
  id: 'container-privilege-escalation-allowed',
  title: 'Container allows privilege escalation',
  severity: 'medium',
  category: 'security',
  description:
    'Unless allowPrivilegeEscalation is false, the container process runs without the no_new_privs flag, so ' +
    'setuid binaries and file capabilities can give it more privileges than it started with. The field exists ' +
    'only on the container securityContext and defaults to allowing escalation; it is always effectively true ' +
    'for a privileged container or one that adds CAP_SYS_ADMIN, whatever it says. Explicitly true, privileged ' +
    'or SYS_ADMIN are reported as high; left unset as medium.',
  remediation:
    'Set `securityContext.allowPrivilegeEscalation: false` on every container (required by the restricted Pod ' +
    'Security Standard), and do not run it privileged or with CAP_SYS_ADMIN.',
  docs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
  ],
  appliesTo: WORKLOAD_KINDS,
  peers: { polaris: ['privilegeEscalationAllowed'], 'kube-linter': ['privilege-escalation-container'] },
  fixes: {
    safe:
      'set allowPrivilegeEscalation: false where it is unset (and the container is neither privileged nor ' +
      'adds SYS_ADMIN, which the API server would then reject).',
    suggested: 'flip an explicit allowPrivilegeEscalation: true to false: the author asked for it.',
  },
  *check({ object }) {
    for (const c of securedContainersOf(object)) {
      if (isWindowsPod(c.pod)) continue;
      const path = [...c.contextPath, 'allowPrivilegeEscalation'];
      const value = c.context?.allowPrivilegeEscalation;
      if (isPrivileged(c)) {
        yield {
          path: [...c.contextPath, 'privileged'],
          severity: 'high',
          relatedTo: { check: 'container-privileged', path: [...c.contextPath, 'privileged'] },
          message: `${describeContainer(c)} is privileged, which always allows privilege escalation`,
        };
      } else if (addsCapability(c, 'SYS_ADMIN')) {
        yield {
          path: [...c.contextPath, 'capabilities', 'add'],
          severity: 'high',
          relatedTo: {
            check: 'container-capabilities-dangerous',
            path: [...c.contextPath, 'capabilities', 'add'],
          },
          message: `${describeContainer(c)} adds CAP_SYS_ADMIN, which always allows privilege escalation`,
        };
      } else if (value === true) {
        yield {
          path,
          severity: 'high',
          message: `${describeContainer(c)} sets allowPrivilegeEscalation: true`,
          fix: {
            description: 'set allowPrivilegeEscalation: false',
            edits: [{ op: 'set', path, value: false }],
            safety: 'suggested',
            risk: 'the author asked for escalation explicitly (setuid helpers such as sudo stop working)',
          },
        };
      } else if (value !== false) {
        yield {
          path: c.context ? c.contextPath : c.path,
          message: `${describeContainer(c)} does not set allowPrivilegeEscalation: false`,
          fix: {
            description: 'set allowPrivilegeEscalation: false',
            edits: [{ op: 'set', path, value: false }],
            safety: 'safe',
          },
        };
      }
    }
  },
});
