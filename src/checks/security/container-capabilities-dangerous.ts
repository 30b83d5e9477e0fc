// https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container
// https://man7.org/linux/man-pages/man7/capabilities.7.html
import { defineCheck } from '../../core/check.ts';
import {
  capabilities,
  describeContainer,
  isWindowsPod,
  normaliseCapability,
  securedContainersOf,
} from '../../k8s/security-context.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const containerCapabilitiesDangerous = defineCheck<{ dangerous: string[] }>({
  id: 'container-capabilities-dangerous',
  title: 'Container adds a dangerous Linux capability',
  severity: 'high',
  category: 'security',
  description:
    'Some capabilities are close to root on the node: ALL, SYS_ADMIN (mount, namespaces, BPF… "the new root"), ' +
    'NET_ADMIN (reconfigure the node network when sharing it), SYS_PTRACE (read other processes’ memory), ' +
    'SYS_MODULE (load kernel modules), SYS_RAWIO, DAC_READ_SEARCH (read any file, known escapes), BPF, PERFMON, ' +
    'SYS_BOOT, MAC_ADMIN, MAC_OVERRIDE. Adding one (capabilities.add, compared case-insensitively) widens what ' +
    'a compromised process can do to the host.',
  remediation:
    'Remove the capability from `securityContext.capabilities.add`. If the workload truly needs it (a CNI or ' +
    'storage driver), isolate it in its own namespace and document the exception with an ignore annotation.',
  docs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  ],
  appliesTo: WORKLOAD_KINDS,
  params: {
    dangerous: [
      'ALL',
      'SYS_ADMIN',
      'NET_ADMIN',
      'SYS_PTRACE',
      'SYS_MODULE',
      'SYS_RAWIO',
      'DAC_READ_SEARCH',
      'BPF',
      'PERFMON',
      'SYS_BOOT',
      'MAC_ADMIN',
      'MAC_OVERRIDE',
    ],
  },
  peers: { polaris: ['dangerousCapabilities'] },
  *check({ object }, { params }) {
    const dangerous = new Set(params.dangerous.map(normaliseCapability));
    for (const c of securedContainersOf(object)) {
      if (isWindowsPod(c.pod)) continue;
      const added = capabilities(c).add;
      const bad = [...new Set(added.map(normaliseCapability).filter((cap) => dangerous.has(cap)))];
      if (bad.length === 0) continue;
      yield {
        path: [...c.contextPath, 'capabilities', 'add'],
        message: `${describeContainer(c)} adds ${bad.length === 1 ? 'capability' : 'capabilities'} ${bad.join(', ')}`,
      };
    }
  },
});
