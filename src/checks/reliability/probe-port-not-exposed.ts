// https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#use-a-named-port
import { defineCheck } from '../../core/check.ts';
import { declaredPorts, probePortDeclared, probePorts } from '../../k8s/probes.ts';
import { reviewedThroughOwner } from '../../k8s/replicas.ts';
import { containerName, longRunningContainersOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const probePortNotExposed = defineCheck({
  id: 'probe-port-not-exposed',
  title: 'Probe targets a port the container does not declare',
  severity: 'high',
  category: 'reliability',
  description:
    'A liveness, readiness or startup probe (httpGet, tcpSocket or grpc) names a port that is not among the ' +
    'container’s TCP ports. A named port that the container does not declare cannot be resolved: the probe ' +
    'fails every time, so the pod never becomes Ready (readiness, startup) or restarts forever (liveness). A ' +
    'probe by number still connects, since container ports are informational, but a number no declared port ' +
    'has usually means the probe and the listener disagree (reported as low). Probes speak TCP, so a port ' +
    'declared only as UDP or SCTP does not count.',
  remediation:
    'Point the probe at a port in the container’s ports list (by its name or containerPort), or declare the ' +
    'port the application listens on.',
  docs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#use-a-named-port',
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Probe',
  ],
  appliesTo: WORKLOAD_KINDS,
  peers: { 'kube-linter': ['liveness-port', 'readiness-port', 'startup-port'] },
  example: {
    bad: `
apiVersion: v1
kind: Pod
metadata: {name: api}
spec:
  containers:
    - name: api
      image: api:2.1.0
      ports: [{name: http, containerPort: 8080}]
      readinessProbe:
        httpGet: {path: /ready, port: web}
`,
    good: `
apiVersion: v1
kind: Pod
metadata: {name: api}
spec:
  containers:
    - name: api
      image: api:2.1.0
      ports: [{name: http, containerPort: 8080}]
      readinessProbe:
        httpGet: {path: /ready, port: http}
`,
  },
  *check({ object }, { index }) {
    if (reviewedThroughOwner(index, object)) return;
    for (const { container, path } of longRunningContainersOf(object)) {
      const ports = declaredPorts(container);
      for (const probe of probePorts(container)) {
        if (probePortDeclared(probe.port, ports)) continue;
        const byName = typeof probe.port === 'string' && !/^\d+$/.test(probe.port);
        yield {
          path: [...path, ...probe.path],
          message: `container "${containerName(container)}" ${probe.probe} ${probe.handler} targets port ${
            byName ? `"${probe.port}"` : probe.port
          }, which the container does not declare${byName ? '' : ' as a TCP port'}`,
          ...(byName ? {} : { severity: 'low' as const }),
        };
      }
    }
  },
});
