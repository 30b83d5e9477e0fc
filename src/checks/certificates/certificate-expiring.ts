// https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-certs/
// Certificates live in TLS Secrets, other Secrets holding PEM, webhook/APIService/CRD caBundles, and (through
// synthetic objects the certs command adds) the kubeconfig's client certificate and the API server's own.
import { defineCheck, type Issue } from '../../core/check.ts';
import { getAt, type Path } from '../../core/path.ts';
import { commonName, daysLeft, looksLikeCertificate, parseCertificates } from '../../k8s/certificates.ts';

export interface CertificateSource {
  path: Path;
  value: unknown;
  what: string;
}

/** Where each kind keeps certificates. */
export function certificateSources(object: Record<string, unknown>, kind: string): CertificateSource[] {
  const out: CertificateSource[] = [];
  if (kind === 'Secret') {
    for (const field of ['data', 'stringData'] as const) {
      const values = object[field];
      if (!values || typeof values !== 'object') continue;
      for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
        if (key === 'tls.key' || !looksLikeCertificate(value)) continue;
        out.push({ path: [field, key], value, what: `key "${key}"` });
      }
    }
  } else if (kind === 'ValidatingWebhookConfiguration' || kind === 'MutatingWebhookConfiguration') {
    const hooks = object.webhooks;
    if (Array.isArray(hooks)) {
      hooks.forEach((hook: { name?: string; clientConfig?: { caBundle?: unknown } }, i) => {
        if (hook?.clientConfig?.caBundle) {
          out.push({
            path: ['webhooks', i, 'clientConfig', 'caBundle'],
            value: hook.clientConfig.caBundle,
            what: `webhook "${hook.name}" caBundle`,
          });
        }
      });
    }
  } else if (kind === 'APIService') {
    const bundle = getAt(object, ['spec', 'caBundle']);
    if (bundle) out.push({ path: ['spec', 'caBundle'], value: bundle, what: 'caBundle' });
  } else if (kind === 'CustomResourceDefinition') {
    const path = ['spec', 'conversion', 'webhook', 'clientConfig', 'caBundle'];
    const bundle = getAt(object, path);
    if (bundle) out.push({ path, value: bundle, what: 'conversion webhook caBundle' });
  } else if (kind === 'ClientCertificate' || kind === 'ServingCertificate') {
    const pem = getAt(object, ['certificate']);
    if (pem)
      out.push({
        path: ['certificate'],
        value: pem,
        what:
          kind === 'ClientCertificate' ? 'kubeconfig client certificate' : 'API server serving certificate',
      });
  }
  return out;
}

export const certificateExpiring = defineCheck<{ criticalDays: number; highDays: number }>({
  id: 'certificate-expiring',
  title: 'Certificate has expired or expires soon',
  severity: 'high',
  category: 'certificates',
  description:
    'An expired certificate breaks TLS for whatever presents it: Ingress hosts, admission webhooks (and with ' +
    'them every API request they intercept), aggregated APIs, kubectl access with a client certificate. ' +
    'Expired is critical; under criticalDays (7) is critical, under highDays (30) high, so there is time to renew.',
  remediation:
    'Renew the certificate (cert-manager: check the Certificate and its issuer; kubeadm: kubeadm certs renew), ' +
    'update the Secret or caBundle, and restart what caches it if it does not reload by itself.',
  docs: [
    'https://kubernetes.io/docs/tasks/tls/managing-tls-in-a-cluster/',
    'https://cert-manager.io/docs/usage/certificate/',
  ],
  appliesTo: [
    'Secret',
    'ValidatingWebhookConfiguration',
    'MutatingWebhookConfiguration',
    'APIService',
    'CustomResourceDefinition',
    'ClientCertificate',
    'ServingCertificate',
  ],
  params: { criticalDays: 7, highDays: 30 },
  peers: { popeye: ['POP-403'] },
  *check(loaded, { params, settings }) {
    for (const source of certificateSources(loaded.object, loaded.object.kind)) {
      const bundle = parseCertificates(source.value);
      for (const error of bundle.errors) {
        yield { path: source.path, message: `${source.what}: ${error}`, severity: 'medium' } satisfies Issue;
      }
      for (const cert of bundle.certificates) {
        const days = daysLeft(cert, settings.now);
        if (days >= params.highDays) continue;
        const when =
          days < 0
            ? `expired ${Math.ceil(-days)} day(s) ago`
            : `expires in ${days < 1 ? `${Math.max(0, Math.round(days * 24))} hour(s)` : `${Math.floor(days)} day(s)`}`;
        yield {
          path: source.path,
          message: `${source.what}: certificate "${commonName(cert)}" ${when} (not after ${cert.notAfter.toISOString()}, SHA-256 ${cert.fingerprint}…)`,
          severity: days < params.criticalDays ? 'critical' : 'high',
          evidence: [
            `subject: ${cert.subject}`,
            `issuer: ${cert.issuer}`,
            ...(cert.dnsNames.length ? [`DNS names: ${cert.dnsNames.slice(0, 5).join(', ')}`] : []),
          ],
          cause: {
            key: `certificate/${cert.fingerprint}`,
            summary: `certificate "${commonName(cert)}" ${when}`,
          },
        };
      }
    }
  },
});
