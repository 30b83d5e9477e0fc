import { defineCheck } from '../../core/check.ts';
import { describeContainer, securedContainersOf } from '../../k8s/security-context.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const containerSshPort = defineCheck({
  id: 'container-ssh-port',
  title: 'Container exposes the SSH port',
  severity: 'medium',
  category: 'security',
  description:
    'A container port 22/TCP usually means an SSH daemon runs in the container: another way in, with its own ' +
    'credentials to manage, that bypasses Kubernetes RBAC and audit logging. A port without protocol is TCP.',
  remediation:
    'Remove the SSH server; use `kubectl exec` or `kubectl debug` (audited, RBAC-controlled) instead.',
  docs: ['https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/'],
  appliesTo: WORKLOAD_KINDS,
  peers: { 'kube-linter': ['ssh-port'] },
  *check({ object }) {
    for (const c of securedContainersOf(object)) {
      const ports = c.container.ports;
      if (!Array.isArray(ports)) continue;
      for (const [i, port] of ports.entries()) {
        if (!port || typeof port !== 'object' || port.containerPort !== 22) continue;
        if ((port.protocol ?? 'TCP') !== 'TCP') continue;
        yield {
          path: [...c.path, 'ports', i, 'containerPort'],
          message: `${describeContainer(c)} exposes port 22/TCP`,
        };
      }
    }
  },
});
