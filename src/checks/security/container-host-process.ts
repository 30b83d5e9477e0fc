// https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/
import { defineCheck } from '../../core/check.ts';
import { asDict, describeContainer, securedContainersOf } from '../../k8s/security-context.ts';
import { podSpecOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const containerHostProcess = defineCheck({
  id: 'container-host-process',
  title: 'Windows container runs as a HostProcess',
  severity: 'high',
  category: 'security',
  description:
    'A Windows HostProcess container runs directly on the node, outside any container isolation, with access to ' +
    'the host filesystem and network: the Windows equivalent of a privileged container. windowsOptions.hostProcess ' +
    'can be set at pod level (all containers) or per container.',
  remediation: 'Remove `windowsOptions.hostProcess: true` unless this is a node-management DaemonSet.',
  docs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  ],
  appliesTo: WORKLOAD_KINDS,
  peers: { polaris: ['hostProcess'] },
  *check({ object }) {
    const pod = podSpecOf(object);
    if (!pod) return;
    if (asDict(asDict(pod.spec.securityContext)?.windowsOptions)?.hostProcess === true) {
      yield {
        path: [...pod.path, 'securityContext', 'windowsOptions', 'hostProcess'],
        message: 'the pod sets windowsOptions.hostProcess: true',
      };
    }
    for (const c of securedContainersOf(object)) {
      if (asDict(c.context?.windowsOptions)?.hostProcess !== true) continue;
      yield {
        path: [...c.contextPath, 'windowsOptions', 'hostProcess'],
        message: `${describeContainer(c)} sets windowsOptions.hostProcess: true`,
      };
    }
  },
});
