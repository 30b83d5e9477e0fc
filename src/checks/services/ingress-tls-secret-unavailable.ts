// https://kubernetes.io/docs/concepts/services-networking/ingress/#tls
import { defineCheck } from '../../core/check.ts';
import { kindRead } from '../../diagnose/kinds.ts';
import { kubectl } from '../../diagnose/pod-context.ts';

const CERT_MANAGER = ['cert-manager.io/cluster-issuer', 'cert-manager.io/issuer'];

export const ingressTlsSecretUnavailable = defineCheck({
  id: 'ingress-tls-secret-unavailable',
  title: 'Ingress TLS Secret does not exist (the controller serves its default certificate)',
  severity: 'high',
  category: 'networking',
  description:
    'spec.tls[].secretName names the Secret holding the certificate for those hosts. When it does not exist the ' +
    'controller falls back to its default (usually self-signed) certificate and clients fail TLS verification. ' +
    'With cert-manager annotations the Secret is created once the certificate is issued: its absence means ' +
    'issuance failed or is still pending.',
  remediation:
    'Create the kubernetes.io/tls Secret in the Ingress namespace, or fix the cert-manager Certificate ' +
    '(kubectl describe certificate, then its CertificateRequest and Order).',
  docs: ['https://kubernetes.io/docs/concepts/services-networking/ingress/#tls'],
  appliesTo: ['Ingress'],
  peers: { k8sgpt: ['Ingress'] },
  *check(ingress, { index, settings }) {
    // RBAC often forbids reading Secrets: then absence proves nothing.
    if (!kindRead(settings, 'Secret')) return;
    const tls = (ingress.object.spec as { tls?: unknown } | undefined)?.tls;
    if (!Array.isArray(tls)) return;
    const ns = ingress.ref.namespace;
    const managed = CERT_MANAGER.some((a) => a in (ingress.object.metadata.annotations ?? {}));
    const seen = new Set<string>();
    for (const [i, entry] of tls.entries()) {
      const name = (entry as { secretName?: unknown } | null)?.secretName;
      if (typeof name !== 'string' || name === '' || seen.has(name)) continue;
      seen.add(name);
      if (index.get('Secret', ns, name)) continue;
      yield {
        path: ['spec', 'tls', i, 'secretName'],
        message: `Ingress "${ingress.ref.name}": TLS Secret "${name}" does not exist${managed ? ' (cert-manager has not issued it)' : ''}`,
        cause: {
          key: `ingress-tls/${ns ?? ''}/${name}`,
          summary: `TLS Secret ${ns ? `${ns}/` : ''}${name} is missing: HTTPS for Ingress ${ingress.ref.name} uses the controller's default certificate`,
          workload: `Ingress ${ns ? `${ns}/` : ''}${ingress.ref.name}`,
          nextSteps: managed
            ? [
                kubectl(ns, `describe certificate ${name}`),
                kubectl(ns, 'get certificaterequests,orders,challenges'),
              ]
            : [kubectl(ns, `get secret ${name}`)],
        },
      };
    }
  },
});
