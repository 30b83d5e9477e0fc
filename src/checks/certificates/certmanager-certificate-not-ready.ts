// https://cert-manager.io/docs/usage/certificate/#inner-workings-diagram-for-developers
import { defineCheck } from '../../core/check.ts';
import { conditionText } from '../../k8s/condition-text.ts';

interface CertificateStatus {
  conditions?: { type?: string; status?: string; reason?: string; message?: string }[];
  notAfter?: string;
  renewalTime?: string;
  lastFailureTime?: string;
  failedIssuanceAttempts?: number;
}

export const certmanagerCertificateNotReady = defineCheck({
  id: 'certmanager-certificate-not-ready',
  title: 'cert-manager Certificate is not ready or its renewal is failing',
  severity: 'high',
  category: 'certificates',
  description:
    'cert-manager could not issue or renew the certificate: the issuer is not ready, an ACME challenge fails ' +
    '(DNS, HTTP-01 route, rate limits) or the request was denied. The Secret keeps the old certificate until it ' +
    'expires, so the failure is silent until then.',
  remediation:
    'kubectl describe certificate, then the CertificateRequest, Order and Challenge it created; fix the issuer or the challenge path.',
  docs: ['https://cert-manager.io/docs/troubleshooting/'],
  appliesTo: ['Certificate'],
  *check(cert, { settings }) {
    if (!cert.object.apiVersion.startsWith('cert-manager.io/')) return;
    const status = (cert.object.status ?? {}) as CertificateStatus;
    const conditions = Array.isArray(status.conditions) ? status.conditions : [];
    const ready = conditions.find((c) => c?.type === 'Ready');
    const failing = status.lastFailureTime !== undefined || (status.failedIssuanceAttempts ?? 0) > 0;
    const renewalDue = status.renewalTime && Date.parse(status.renewalTime) < settings.now.getTime();
    if (ready?.status === 'True' && !failing) return;
    if (!ready && !failing) return;
    const ns = cert.ref.namespace;
    yield {
      path: ['status'],
      message:
        ready?.status === 'True'
          ? `Certificate "${cert.ref.name}" renewal is failing (${status.failedIssuanceAttempts ?? 1} attempt(s), last at ${status.lastFailureTime ?? 'unknown'})${renewalDue ? '; renewal is overdue' : ''}`
          : `Certificate "${cert.ref.name}" is not ready (${ready?.reason ?? 'unknown'}): ${ready?.message ?? ''}`,
      evidence: conditions.map((c) => conditionText(c.type, c.status, c.reason, c.message)),
      cause: {
        key: `cert-manager/${ns}/${cert.ref.name}`,
        summary: `cert-manager Certificate ${ns}/${cert.ref.name} is not being issued`,
        nextSteps: [
          `kubectl -n ${ns} describe certificate ${cert.ref.name}`,
          `kubectl -n ${ns} get certificaterequests,orders,challenges`,
        ],
      },
    };
  },
});
