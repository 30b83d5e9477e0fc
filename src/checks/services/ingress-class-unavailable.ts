// https://kubernetes.io/docs/concepts/services-networking/ingress/#ingress-class
// https://kubernetes.io/docs/concepts/services-networking/ingress/#default-ingress-class
import { defineCheck } from '../../core/check.ts';
import { kindRead } from '../../diagnose/kinds.ts';

const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

export const ingressClassUnavailable = defineCheck({
  id: 'ingress-class-unavailable',
  title: 'Ingress names an IngressClass that does not exist, or has no class and there is no default',
  severity: 'high',
  category: 'networking',
  description:
    'An Ingress is served only by the controller of its IngressClass. When spec.ingressClassName names a class ' +
    'that does not exist, or the Ingress names none and no IngressClass is marked default, no controller picks it ' +
    'up: it gets no address and its hosts do not resolve to anything. (The older kubernetes.io/ingress.class ' +
    'annotation is matched by controllers against their own flag, not against IngressClass objects, so it is ' +
    'not judged here.)',
  remediation:
    'Set spec.ingressClassName to an existing class (kubectl get ingressclass), or mark one class default with ' +
    'the annotation ingressclass.kubernetes.io/is-default-class: "true".',
  docs: [
    'https://kubernetes.io/docs/concepts/services-networking/ingress/#ingress-class',
    'https://kubernetes.io/docs/concepts/services-networking/ingress/#default-ingress-class',
  ],
  appliesTo: ['Ingress'],
  peers: { k8sgpt: ['Ingress'] },
  *check(ingress, { index, settings }) {
    if (!kindRead(settings, 'IngressClass')) return;
    const spec = (ingress.object.spec ?? {}) as { ingressClassName?: unknown };
    const annotations = ingress.object.metadata.annotations ?? {};
    const name = spec.ingressClassName;
    const ns = ingress.ref.namespace;
    const cause = (summary: string) => ({
      key: `ingress-class/${typeof name === 'string' ? name : ''}`,
      summary,
      workload: `Ingress ${ns ? `${ns}/` : ''}${ingress.ref.name}`,
      nextSteps: [
        'kubectl get ingressclass',
        `kubectl${ns ? ` -n ${ns}` : ''} describe ingress ${ingress.ref.name}`,
      ],
    });
    if (typeof name === 'string' && name !== '') {
      if (index.get('IngressClass', undefined, name)) return;
      yield {
        path: ['spec', 'ingressClassName'],
        message: `Ingress "${ingress.ref.name}" uses IngressClass "${name}", which does not exist: no controller serves it`,
        cause: cause(`IngressClass "${name}" does not exist: Ingresses that name it are not served`),
      };
      return;
    }
    if (typeof annotations[LEGACY_CLASS_ANNOTATION] === 'string') return;
    const hasDefault = index
      .ofKind('IngressClass')
      .some((c) => c.object.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
    if (hasDefault) return;
    yield {
      path: ['spec'],
      message: `Ingress "${ingress.ref.name}" names no IngressClass and no class is marked default: no controller serves it`,
      cause: cause('Ingresses without a class and no default IngressClass are not served'),
    };
  },
});
