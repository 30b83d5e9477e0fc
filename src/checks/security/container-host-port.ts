// https://kubernetes.io/docs/concepts/configuration/overview/#services
import { defineCheck } from '../../core/check.ts';
import { describeContainer, securedContainersOf } from '../../k8s/security-context.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const containerHostPort = defineCheck({
  id: 'container-host-port',
  title: 'Container port is bound to a host port',
  severity: 'medium',
  category: 'security',
  description:
    "A hostPort opens the port on the node's own IP address: it bypasses Services and most NetworkPolicy " +
    'implementations, exposes the pod to anything that reaches the node, and limits scheduling to one such pod ' +
    'per node. (With hostNetwork the port is the node port anyway; pod-host-network reports that.)',
  remediation:
    'Remove `hostPort` and expose the pod through a Service (ClusterIP, NodePort or LoadBalancer) instead.',
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/overview/#services',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  ],
  appliesTo: WORKLOAD_KINDS,
  peers: { polaris: ['hostPortSet'] },
  *check({ object }) {
    for (const c of securedContainersOf(object)) {
      const ports = c.container.ports;
      if (!Array.isArray(ports)) continue;
      for (const [i, port] of ports.entries()) {
        const hostPort = port && typeof port === 'object' ? port.hostPort : undefined;
        if (typeof hostPort !== 'number' || hostPort === 0) continue;
        yield {
          path: [...c.path, 'ports', i, 'hostPort'],
          message: `${describeContainer(c)} binds host port ${hostPort}`,
        };
      }
    }
  },
});
