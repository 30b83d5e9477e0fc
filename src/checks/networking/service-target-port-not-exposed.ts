// https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports
import { defineCheck } from '../../core/check.ts';
import { describeRef } from '../../core/object.ts';
import { workloadsSelectedByMap } from '../../k8s/pod-templates.ts';
import { servicePorts, serviceSelector, serviceType } from '../../k8s/services.ts';
import { longRunningContainersOf } from '../../k8s/workloads.ts';

interface DeclaredPort {
  name?: string;
  number?: number;
  protocol: string;
}

function declaredPorts(object: Parameters<typeof longRunningContainersOf>[0]): DeclaredPort[] {
  const out: DeclaredPort[] = [];
  for (const { container } of longRunningContainersOf(object)) {
    if (!Array.isArray(container.ports)) continue;
    for (const p of container.ports) {
      if (!p || typeof p !== 'object') continue;
      const port: DeclaredPort = { protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP' };
      if (typeof p.name === 'string') port.name = p.name;
      if (typeof p.containerPort === 'number') port.number = p.containerPort;
      out.push(port);
    }
  }
  return out;
}

export const serviceTargetPortNotExposed = defineCheck({
  id: 'service-target-port-not-exposed',
  title: 'Service targetPort is not a port of the pods it selects',
  severity: 'high',
  category: 'networking',
  description:
    'A Service forwards each port to targetPort on the selected pods (targetPort defaults to port). A named ' +
    'targetPort must be the name of a container port with the same protocol, or the pod gets no endpoint for ' +
    'it and the Service has nothing to send traffic to. A numeric targetPort that none of the containers ' +
    'declares, while they declare other ports, is almost always a wrong number: traffic goes to a port ' +
    'nothing listens on. Containers that declare no ports at all are not judged for numeric ports.',
  remediation:
    'Set targetPort to the containerPort (or its name) that the application listens on, or add that port to ' +
    "the container's ports.",
  docs: [
    'https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service',
    'https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports',
  ],
  appliesTo: ['Service'],
  example: {
    bad: `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: http}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{name: web, containerPort: 8080}]
`,
    good: `    ports: [{port: 80, targetPort: web}]   # the name the container declares
`,
  },
  *check({ object }, { index }) {
    const selector = serviceSelector(object);
    if (!selector || serviceType(object) === 'ExternalName') return;
    const workloads = workloadsSelectedByMap(index, object.metadata?.namespace ?? '', selector);
    if (workloads.length === 0) return; // service-selector-no-match reports that
    const declared = new Map(workloads.map((w) => [w, declaredPorts(w.owner.object)]));
    for (const port of servicePorts(object)) {
      const target = port.targetPort ?? port.port;
      if (target === undefined) continue;
      const path = ['spec', 'ports', port.index, port.targetPort === undefined ? 'port' : 'targetPort'];
      const label = port.name ? `port "${port.name}"` : `port ${port.port ?? port.index}`;
      if (typeof target === 'string' && !/^\d+$/.test(target)) {
        for (const w of workloads) {
          const ports = declared.get(w) ?? [];
          if (ports.some((p) => p.name === target && p.protocol === port.protocol)) continue;
          yield {
            path,
            message: `${label} targets the named port "${target}" (${port.protocol}), which no container of ${describeRef(w.owner.ref)} declares`,
          };
        }
        continue;
      }
      const number = Number(target);
      for (const w of workloads) {
        const ports = declared.get(w) ?? [];
        if (ports.length === 0) continue;
        if (ports.some((p) => p.number === number && p.protocol === port.protocol)) continue;
        yield {
          path,
          message: `${label} targets port ${number}/${port.protocol}, but the containers of ${describeRef(w.owner.ref)} declare only ${ports
            .map((p) => `${p.number ?? '?'}/${p.protocol}`)
            .join(', ')}`,
        };
      }
    }
  },
});
