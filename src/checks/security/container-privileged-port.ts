import { defineCheck } from '../../core/check.ts';
import { describeContainer, securedContainersOf } from '../../k8s/security-context.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const containerPrivilegedPort = defineCheck({
  id: 'container-privileged-port',
  title: 'Container listens on a privileged port',
  severity: 'low',
  category: 'security',
  description:
    'Binding a port below 1024 traditionally needs root or CAP_NET_BIND_SERVICE, so an image listening on 80 or ' +
    '443 is often built to run as root. (Docker and containerd 2 set net.ipv4.ip_unprivileged_port_start=0 in ' +
    'the pod network namespace, so it is not always required.) Off by default.',
  remediation:
    'Listen on a port of 1024 or above (8080, 8443) and map the Service port to it; or keep the port and run ' +
    'as non-root with `capabilities.add: [NET_BIND_SERVICE]`.',
  docs: ['https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service'],
  appliesTo: WORKLOAD_KINDS,
  enabledByDefault: false,
  peers: { 'kube-linter': ['privileged-ports'] },
  *check({ object }) {
    for (const c of securedContainersOf(object)) {
      const ports = c.container.ports;
      if (!Array.isArray(ports)) continue;
      for (const [i, port] of ports.entries()) {
        const n = port && typeof port === 'object' ? port.containerPort : undefined;
        if (typeof n !== 'number' || n < 1 || n >= 1024) continue;
        yield {
          path: [...c.path, 'ports', i, 'containerPort'],
          message: `${describeContainer(c)} listens on port ${n}`,
        };
      }
    }
  },
});
