// https://kubernetes.io/docs/concepts/services-networking/service/#services-without-selectors
import { defineCheck } from '../../core/check.ts';
import type { ObjectIndex } from '../../core/index.ts';
import { isRecord } from '../../k8s/disruption.ts';
import { formatSelector } from '../../k8s/labels.ts';
import { selectPods } from '../../k8s/pod-sets.ts';
import { serviceSelector, serviceType } from '../../k8s/services.ts';
import { excluded, HYGIENE_DEFAULTS, type HygieneParams, hasOwner } from './shared.ts';

/** "ns/name" of Services that admission webhooks and aggregated APIServices call. */
function servicesCalledByApiServer(index: ObjectIndex): Set<string> {
  return index.memo('hygiene-apiserver-services', (idx) => {
    const out = new Set<string>();
    const add = (svc: unknown) => {
      if (isRecord(svc) && typeof svc.name === 'string')
        out.add(`${String(svc.namespace ?? '')}/${svc.name}`);
    };
    for (const kind of ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'])
      for (const config of idx.ofKind(kind)) {
        const webhooks = Array.isArray(config.object.webhooks) ? config.object.webhooks : [];
        for (const hook of webhooks.filter(isRecord))
          if (isRecord(hook.clientConfig)) add(hook.clientConfig.service);
      }
    for (const api of idx.ofKind('APIService')) if (isRecord(api.object.spec)) add(api.object.spec.service);
    return out;
  });
}

export const serviceUnused = defineCheck<HygieneParams>({
  id: 'service-unused',
  title: 'Service selects no pod and no workload',
  severity: 'low',
  category: 'hygiene',
  description:
    'The Service has a selector, but no pod in its namespace carries those labels and no workload (even one scaled to zero) would create one. It routes nowhere; usually its application was removed and the Service stayed behind. Services without a selector (manually managed EndpointSlices) and ExternalName Services and Services an admission webhook or an aggregated APIService calls (diagnose reports those as broken instead) are not judged.',
  remediation:
    'Confirm nothing resolves its DNS name any more, then delete it through `shipshape hygiene --plan`. If it should route somewhere, fix its selector.',
  docs: ['https://kubernetes.io/docs/concepts/services-networking/service/'],
  appliesTo: ['Service'],
  params: HYGIENE_DEFAULTS,
  requires: ['Pod'],
  peers: { kor: ['service'], popeye: ['POP-1100'] },
  *check(service, { index, params }) {
    if (index.partial || excluded(service.ref, params) || hasOwner(service.object)) return;
    const selector = serviceSelector(service.object);
    if (!selector || Object.keys(selector).length === 0) return;
    if (serviceType(service.object) === 'ExternalName') return;
    if (servicesCalledByApiServer(index).has(`${service.ref.namespace ?? ''}/${service.ref.name}`)) return;
    if (
      selectPods(index, service, service.ref.namespace ?? '', { matchLabels: selector }, 'effective', {
        first: true,
      }).selected.length > 0
    )
      return;
    yield {
      path: ['spec', 'selector'],
      message: `Service "${service.ref.name}" selects ${formatSelector(selector)}, which no pod or workload in namespace "${service.ref.namespace ?? ''}" carries`,
    };
  },
});
