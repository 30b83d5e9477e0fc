// https://kubernetes.io/docs/concepts/services-networking/service/#multi-port-services
import { defineCheck } from '../../core/check.ts';
import { servicePorts } from '../../k8s/services.ts';

export const servicePortNameMissing = defineCheck({
  id: 'service-port-name-missing',
  title: 'Multi-port Service has an unnamed or duplicate port name',
  severity: 'high',
  category: 'networking',
  description:
    'When a Service has more than one port, every port must have a name and the names must be unique; the ' +
    'API server rejects the Service otherwise, so the manifest fails to apply. Schemas do not catch it.',
  remediation: 'Give every port of the Service a unique lowercase name (e.g. http, https, metrics).',
  docs: ['https://kubernetes.io/docs/concepts/services-networking/service/#multi-port-services'],
  appliesTo: ['Service'],
  *check({ object }) {
    const ports = servicePorts(object);
    if (ports.length < 2) return;
    const names = new Set<string>();
    for (const port of ports) {
      if (port.name === undefined || port.name === '') {
        yield {
          path: ['spec', 'ports', port.index],
          message: `port ${port.index} has no name, which a Service with several ports requires`,
        };
      } else if (names.has(port.name)) {
        yield {
          path: ['spec', 'ports', port.index, 'name'],
          message: `port name "${port.name}" is used by two ports`,
        };
      } else names.add(port.name);
    }
  },
});
