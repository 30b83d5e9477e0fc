// https://kubernetes.io/docs/concepts/services-networking/ingress/#ingress-class
import { defineCheck } from '../../core/check.ts';
import type { ObjectIndex } from '../../core/index.ts';
import { isRecord } from '../../k8s/disruption.ts';

function hasDefaultIngressClass(index: ObjectIndex): boolean {
  return index.memo('default-ingress-class', (idx) =>
    idx
      .ofKind('IngressClass')
      .some(
        (c) => c.object.metadata?.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true',
      ),
  );
}

export const ingressClassMissing = defineCheck({
  id: 'ingress-class-missing',
  title: 'Ingress names no ingress class',
  severity: 'low',
  category: 'networking',
  indexes: ['default-ingress-class'],
  description:
    'An Ingress without spec.ingressClassName (or the older kubernetes.io/ingress.class annotation) is served ' +
    'only if the cluster has a default IngressClass; otherwise no controller picks it up, and with several ' +
    'controllers the choice depends on cluster settings rather than on the manifest.',
  remediation: 'Set spec.ingressClassName to the IngressClass of the controller that should serve it.',
  docs: ['https://kubernetes.io/docs/concepts/services-networking/ingress/#ingress-class'],
  appliesTo: ['Ingress'],
  *check({ object, ref }, { index }) {
    const spec = isRecord(object.spec) ? object.spec : {};
    if (typeof spec.ingressClassName === 'string' && spec.ingressClassName !== '') return;
    const annotations = object.metadata?.annotations;
    if (isRecord(annotations) && typeof annotations['kubernetes.io/ingress.class'] === 'string') return;
    if (hasDefaultIngressClass(index)) return;
    yield {
      path: ['spec'],
      message: `Ingress "${ref.name}" sets neither spec.ingressClassName nor the kubernetes.io/ingress.class annotation`,
    };
  },
});
