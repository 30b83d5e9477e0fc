// https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container
import { defineCheck } from '../../core/check.ts';
import {
  capabilities,
  describeContainer,
  effective,
  isPrivileged,
  isWindowsPod,
  normaliseCapability,
  type SecuredContainer,
  securedContainersOf,
} from '../../k8s/security-context.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';

// The container runtimes' default capability set (containerd, CRI-O and Docker grant these unless dropped).
const RUNTIME_DEFAULTS = [
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'NET_RAW',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
];

/**
 * A non-root process that cannot gain privileges (no_new_privs) has no capabilities in its effective set, and
 * no setuid or file-capability binary can give it any: dropping the bounding set changes nothing it can do.
 */
function cannotUseCapabilities(c: SecuredContainer): boolean {
  const user = effective(c, 'runAsUser')?.value;
  const nonRoot = typeof user === 'number' ? user > 0 : effective(c, 'runAsNonRoot')?.value === true;
  return nonRoot && c.context?.allowPrivilegeEscalation === false && !isPrivileged(c);
}

export const containerCapabilitiesNotDropped = defineCheck<{ mustDrop: string[] }>({
  id: 'container-capabilities-not-dropped',
  title: 'Container keeps default Linux capabilities',
  severity: 'low',
  category: 'security',
  description:
    'Container runtimes give every container a default capability set (NET_RAW, SETUID, CHOWN, DAC_OVERRIDE, ' +
    '…) unless the container drops them. NET_RAW alone allows packet spoofing on the pod network. A container ' +
    'passes when capabilities.drop contains ALL, or every capability listed in the mustDrop parameter (by ' +
    'default the runtime defaults). Capabilities exist only on the container securityContext; names are compared ' +
    'case-insensitively, without a CAP_ prefix, as runtimes read them.',
  remediation:
    'Set `securityContext.capabilities.drop: [ALL]` and add back only what the process needs (e.g. ' +
    '`add: [NET_BIND_SERVICE]`).',
  docs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
  ],
  appliesTo: WORKLOAD_KINDS,
  params: { mustDrop: RUNTIME_DEFAULTS },
  peers: { polaris: ['insecureCapabilities'] },
  fixes: {
    safe:
      'add ALL to capabilities.drop when the container runs as non-root (a non-zero runAsUser, or runAsNonRoot) ' +
      'with allowPrivilegeEscalation: false: its processes cannot use the dropped capabilities anyway. Added ' +
      'capabilities stay (the runtime applies capabilities.add after dropping ALL).',
    suggested:
      'the same edit otherwise: a process running as root may rely on a default capability (CHOWN, SETUID, ' +
      'NET_BIND_SERVICE to listen below 1024, …).',
  },
  *check({ object }, { params }) {
    for (const c of securedContainersOf(object)) {
      if (isWindowsPod(c.pod)) continue;
      const { drop, dropPath } = capabilities(c);
      const dropped = new Set(drop.map(normaliseCapability));
      if (dropped.has('ALL')) continue;
      const missing = params.mustDrop.map(normaliseCapability).filter((cap) => !dropped.has(cap));
      if (missing.length === 0) continue;
      const hasDropList = Array.isArray((c.context?.capabilities as { drop?: unknown } | undefined)?.drop);
      yield {
        path: hasDropList ? dropPath : c.context ? c.contextPath : c.path,
        message:
          drop.length === 0
            ? `${describeContainer(c)} does not drop ALL capabilities`
            : `${describeContainer(c)} does not drop ALL capabilities (keeps ${missing.slice(0, 4).join(', ')}${
                missing.length > 4 ? ', …' : ''
              })`,
        fix: {
          description: 'drop ALL capabilities',
          edits: hasDropList
            ? [{ op: 'append', path: dropPath, value: 'ALL' }]
            : [{ op: 'set', path: dropPath, value: ['ALL'] }],
          ...(cannotUseCapabilities(c)
            ? { safety: 'safe' as const }
            : {
                safety: 'suggested' as const,
                risk: 'a process running as root may need a default capability (CHOWN, SETUID, NET_BIND_SERVICE, …)',
              }),
        },
      };
    }
  },
});
