// https://kubernetes.io/docs/concepts/security/linux-kernel-security-constraints/
import { defineCheck } from '../../core/check.ts';
import { getAt } from '../../core/path.ts';
import {
  asDict,
  capabilities,
  describeContainer,
  effective,
  isWindowsPod,
  normaliseCapability,
  type SecuredContainer,
  securedContainersOf,
} from '../../k8s/security-context.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';

function confinedProfile(value: unknown): boolean {
  const type = asDict(value)?.type;
  return typeof type === 'string' && type !== '' && type !== 'Unconfined';
}

function hardened(c: SecuredContainer, annotations: Record<string, unknown> | undefined): boolean {
  if (confinedProfile(effective(c, 'seccompProfile')?.value)) return true;
  if (confinedProfile(effective(c, 'appArmorProfile')?.value)) return true;
  const selinux = asDict(effective(c, 'seLinuxOptions')?.value);
  if (selinux && Object.keys(selinux).length > 0) return true;
  const apparmor = annotations?.[`container.apparmor.security.beta.kubernetes.io/${c.name}`];
  if (typeof apparmor === 'string' && apparmor !== '' && apparmor !== 'unconfined') return true;
  const caps = capabilities(c);
  return caps.drop.length > 0 && !caps.add.some((a) => normaliseCapability(a) === 'ALL');
}

export const containerHardeningMissing = defineCheck({
  id: 'container-hardening-missing',
  title: 'Container uses no Linux hardening',
  severity: 'low',
  category: 'security',
  description:
    'A container that sets none of a seccomp profile (RuntimeDefault or Localhost), an AppArmor profile (field or ' +
    'the older container.apparmor.security.beta.kubernetes.io/<container> annotation), SELinux options, or dropped ' +
    'capabilities runs with only the runtime defaults: in many clusters that means no seccomp filter at all, ' +
    'since the kubelet does not default to RuntimeDefault. seccompProfile, appArmorProfile and seLinuxOptions apply ' +
    "from the pod securityContext unless the container overrides them; a container's Unconfined overrides the " +
    "pod's profile. Dropping capabilities counts unless ALL is added back.",
  remediation:
    'Set `securityContext.seccompProfile.type: RuntimeDefault` in the pod securityContext (or per container), and ' +
    'drop ALL capabilities.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/linux-kernel-security-constraints/',
    'https://kubernetes.io/docs/tutorials/security/seccomp/',
  ],
  appliesTo: WORKLOAD_KINDS,
  peers: { polaris: ['linuxHardening'] },
  fixes: {
    suggested:
      "set seccompProfile type RuntimeDefault. Only suggested: the runtime's profile blocks syscalls some " +
      'programs rely on (namespaces for sandboxed browsers, ptrace for profilers, keyctl, …).',
  },
  *check({ object }) {
    const containers = securedContainersOf(object);
    if (containers.length === 0) return;
    const first = containers[0]!;
    // Pod template metadata sits beside the pod spec (metadata of a Pod, template.metadata of a workload).
    const annotations = asDict(getAt(object, [...first.podPath.slice(0, -1), 'metadata', 'annotations']));
    for (const c of containers) {
      if (isWindowsPod(c.pod) || hardened(c, annotations)) continue;
      const path = [...c.contextPath, 'seccompProfile', 'type'];
      const at = c.context ? c.contextPath : c.path;
      yield {
        path: at,
        message: `${describeContainer(c)} sets no seccomp, AppArmor or SELinux profile and drops no capabilities`,
        // Its first measure, a seccomp profile, is reported by its own check at the same place.
        relatedTo: { check: 'container-seccomp-profile-missing', path: at },
        fix: {
          description: 'set seccompProfile type RuntimeDefault',
          edits: [{ op: 'set', path, value: 'RuntimeDefault' }],
          safety: 'suggested',
          risk: 'the runtime profile blocks syscalls some programs use (unshare, ptrace, keyctl, …)',
        },
      };
    }
  },
});
