// https://kubernetes.io/docs/concepts/services-networking/ingress/#tls
import { defineCheck } from '../../core/check.ts';
import { findDataObject, referencesFrom } from '../../k8s/references.ts';

// Annotations that make cert-manager's ingress-shim create the TLS Secrets of an Ingress.
// https://cert-manager.io/docs/usage/ingress/
const CERT_MANAGER_ANNOTATIONS = [
  'cert-manager.io/issuer',
  'cert-manager.io/cluster-issuer',
  'kubernetes.io/tls-acme',
];

export const ingressTlsSecretMissing = defineCheck({
  id: 'ingress-tls-secret-missing',
  title: 'Ingress TLS Secret does not exist',
  severity: 'high',
  category: 'networking',
  indexes: ['references'],
  description:
    "Each spec.tls[].secretName must name a kubernetes.io/tls Secret in the Ingress's namespace. When it is " +
    'missing, controllers serve their default self-signed certificate and clients reject the connection. ' +
    'Secrets that cert-manager will issue (ingress-shim annotations, or a Certificate in the set) count as present.',
  remediation:
    "Create the TLS Secret in the Ingress's namespace, fix secretName, or have cert-manager issue it.",
  docs: ['https://kubernetes.io/docs/concepts/services-networking/ingress/#tls'],
  appliesTo: ['Ingress'],
  *check(loaded, { index }) {
    const annotations = loaded.object.metadata?.annotations;
    if (
      annotations &&
      typeof annotations === 'object' &&
      CERT_MANAGER_ANNOTATIONS.some((a) => a in annotations)
    )
      return;
    const seen = new Set<string>();
    for (const ref of referencesFrom(index, loaded)) {
      if (ref.kind !== 'Secret' || ref.via !== 'tls' || seen.has(ref.name)) continue;
      seen.add(ref.name);
      if (findDataObject(index, 'Secret', ref.namespace, ref.name)) continue;
      yield {
        path: ref.path,
        message: `TLS Secret "${ref.name}" is not in ${index.partial ? 'the input' : 'the cluster'}`,
        ...(index.partial ? { severity: 'info' as const } : {}),
      };
    }
  },
});
