// https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
import { defineCheck } from '../../core/check.ts';
import { serviceType } from '../../k8s/services.ts';

export const serviceTypeExposed = defineCheck<{ forbiddenTypes: string[] }>({
  id: 'service-type-exposed',
  title: 'Service type exposes it outside the cluster',
  severity: 'medium',
  category: 'networking',
  description:
    'NodePort Services open a port on every node and LoadBalancer Services get an external address. Teams that ' +
    'route all outside traffic through an Ingress or Gateway forbid these types so nothing is exposed by ' +
    'accident. Off by default: enable it and list the forbidden types in forbiddenTypes.',
  remediation: 'Use type ClusterIP and expose the Service through the Ingress or Gateway.',
  docs: [
    'https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types',
  ],
  appliesTo: ['Service'],
  enabledByDefault: false,
  params: { forbiddenTypes: ['NodePort', 'LoadBalancer'] },
  peers: { 'kube-linter': ['exposed-services'] },
  *check({ object, ref }, { params }) {
    const type = serviceType(object);
    if (!params.forbiddenTypes.includes(type)) return;
    yield { path: ['spec', 'type'], message: `Service "${ref.name}" has the forbidden type "${type}"` };
  },
});
