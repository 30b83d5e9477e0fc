// https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports
import { defineCheck } from '../../core/check.ts';
import { describeRef } from '../../core/object.ts';
import { mapSelector, podSetPorts, selectPods } from '../../k8s/pod-sets.ts';
import { servicePorts, serviceSelector, serviceType } from '../../k8s/services.ts';

export const serviceTargetPortNotExposed = defineCheck({
  id: 'service-target-port-not-exposed',
  title: 'Service targetPort is not a port of the pods it selects',
  severity: 'high',
  category: 'networking',
  indexes: ['pod-sets-template'],
  description:
    'A Service forwards each port to targetPort on the selected pods (targetPort defaults to port). A named ' +
    'targetPort must be the name of a container port with the same protocol, or the pod gets no endpoint for ' +
    'it. The finding fires when no selected workload declares the name (pods that lack it simply get no ' +
    'endpoint). A numeric targetPort that none of the containers ' +
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
  *check(loaded, { index }) {
    const { object } = loaded;
    const selector = serviceSelector(object);
    if (!selector || serviceType(object) === 'ExternalName') return;
    const found = selectPods(index, loaded, loaded.ref.namespace ?? '', mapSelector(selector), 'template');
    const workloads = found.selected;
    if (workloads.length === 0) return; // service-selector-no-match reports that
    const declared = new Map(workloads.map((w) => [w, podSetPorts(w)]));
    // Pods whose ports the input cannot show (an operator adds them) may expose any name.
    const allKnown = workloads.every((w) => declared.get(w) !== undefined);
    for (const port of servicePorts(object)) {
      const target = port.targetPort ?? port.port;
      if (target === undefined) continue;
      const path = ['spec', 'ports', port.index, port.targetPort === undefined ? 'port' : 'targetPort'];
      const label = port.name ? `port "${port.name}"` : `port ${port.port ?? port.index}`;
      if (typeof target === 'string' && !/^\d+$/.test(target)) {
        // A named port resolves per pod: pods without it get no endpoint, pods with it serve. Only when no selected
        // workload exposes the name does the Service port have nothing behind it.
        if (!allKnown) continue;
        const exposes = (w: (typeof workloads)[number]) =>
          (declared.get(w) ?? []).some((p) => p.name === target && p.protocol === port.protocol);
        if (workloads.some(exposes)) continue;
        yield {
          path,
          message: `${label} targets the named port "${target}" (${port.protocol}), which no container of ${workloads
            .map((w) => describeRef(w.owner.ref))
            .join(', ')} declares`,
        };
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
