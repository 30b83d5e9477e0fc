// https://kubernetes.io/docs/concepts/services-networking/service/#multi-port-services
// https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports
import { defineCheck } from '../../core/check.ts';
import { servicePorts } from '../../k8s/services.ts';

/** IANA_SVC_NAME as Kubernetes validates it (validation.IsValidPortName). */
export function portNameProblem(name: string): string | undefined {
  if (name.length > 15) return 'must be no more than 15 characters';
  if (!/^[-a-z0-9]+$/.test(name)) return 'must contain only lowercase letters (a-z), digits (0-9) and "-"';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter (a-z)';
  if (name.includes('--')) return 'must not contain consecutive hyphens';
  if (name.startsWith('-') || name.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

/** DNS-1123 label (the rule for Service port names). */
function dnsLabelProblem(name: string): string | undefined {
  if (name.length > 63) return 'must be no more than 63 characters';
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name))
    return 'must consist of lowercase letters, digits and "-", and start and end with a letter or digit';
  return undefined;
}

export const servicePortNameInvalid = defineCheck({
  id: 'service-port-name-invalid',
  title: 'Service port name or targetPort is invalid',
  severity: 'high',
  category: 'networking',
  description:
    'The API server rejects a Service whose targetPort is a number outside 1-65535 or a name that is not a ' +
    'valid IANA service name (at most 15 lowercase letters, digits and single hyphens, with at least one ' +
    'letter), or whose port name is not a DNS label. The manifest fails to apply.',
  remediation:
    'Use a targetPort between 1 and 65535 or the valid name of a container port, and lowercase port names.',
  docs: [
    'https://kubernetes.io/docs/concepts/services-networking/service/#multi-port-services',
    'https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceSpec',
  ],
  appliesTo: ['Service'],
  peers: { 'kube-linter': ['invalid-target-ports'] },
  *check({ object, ref }) {
    const ports = servicePorts(object);
    for (const port of ports) {
      const path = ['spec', 'ports', port.index];
      const target = port.targetPort;
      if (typeof target === 'number') {
        if (!Number.isInteger(target) || target < 1 || target > 65535)
          yield {
            path: [...path, 'targetPort'],
            message: `targetPort ${target} of Service "${ref.name}" must be between 1 and 65535`,
          };
      } else if (typeof target === 'string') {
        const problem = portNameProblem(target);
        if (problem)
          yield {
            path: [...path, 'targetPort'],
            message: `targetPort "${target}" of Service "${ref.name}" ${problem}`,
          };
      }
      if (port.name !== undefined && port.name !== '') {
        const problem = dnsLabelProblem(port.name);
        if (problem) yield { path: [...path, 'name'], message: `port name "${port.name}" ${problem}` };
      }
    }
  },
});
