// https://kubernetes.io/docs/concepts/services-networking/ingress/#tls
import { defineCheck } from '../../core/check.ts';
import { isRecord } from '../../k8s/disruption.ts';

export const ingressTlsMissing = defineCheck({
  id: 'ingress-tls-missing',
  title: 'Ingress serves plain HTTP (no TLS)',
  severity: 'medium',
  category: 'networking',
  description:
    'Without spec.tls the Ingress terminates no TLS for its hosts: credentials, cookies and data cross the ' +
    'network in clear text and browsers mark the site as not secure.',
  remediation:
    'Add spec.tls with the hosts and the name of a kubernetes.io/tls Secret (or let cert-manager create it ' +
    'with a cert-manager.io/cluster-issuer annotation).',
  docs: ['https://kubernetes.io/docs/concepts/services-networking/ingress/#tls'],
  appliesTo: ['Ingress'],
  peers: { polaris: ['tlsSettingsMissing'] },
  *check({ object, ref }) {
    const spec = isRecord(object.spec) ? object.spec : undefined;
    if (spec && Array.isArray(spec.tls) && spec.tls.length > 0) return;
    yield { path: spec ? ['spec'] : [], message: `Ingress "${ref.name}" has no spec.tls` };
  },
});
