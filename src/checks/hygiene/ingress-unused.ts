// https://kubernetes.io/docs/concepts/services-networking/ingress/#the-ingress-resource
import { defineCheck } from '../../core/check.ts';
import { ingressBackends } from '../../k8s/services.ts';
import { excluded, HYGIENE_DEFAULTS, type HygieneParams, hasOwner } from './shared.ts';

export const ingressUnused = defineCheck<HygieneParams>({
  id: 'ingress-unused',
  title: 'Ingress whose backends all do not exist',
  severity: 'low',
  category: 'hygiene',
  description:
    "Every Service the Ingress routes to (rules and default backend) is gone from its namespace: it serves only errors and is left over from a removed application. Ingresses with a resource backend or no Service backend at all are not judged; one missing backend among several existing ones is diagnose's ingress-backend-unavailable.",
  remediation:
    'Confirm no DNS record still points at it, then delete it through a reviewed plan (`shipshape hygiene --plan`).',
  docs: ['https://kubernetes.io/docs/concepts/services-networking/ingress/'],
  appliesTo: ['Ingress'],
  params: HYGIENE_DEFAULTS,
  requires: ['Service'],
  peers: { kor: ['ingress'] },
  *check(ingress, { index, params }) {
    if (index.partial || excluded(ingress.ref, params) || hasOwner(ingress.object)) return;
    const backends = ingressBackends(ingress.object);
    if (backends.length === 0) return;
    if (backends.some((b) => index.get('Service', ingress.ref.namespace, b.service))) return;
    const names = [...new Set(backends.map((b) => `"${b.service}"`))];
    yield {
      path: ['spec'],
      message: `Ingress "${ingress.ref.name}" routes only to Services that do not exist: ${names.join(', ')}`,
    };
  },
});
