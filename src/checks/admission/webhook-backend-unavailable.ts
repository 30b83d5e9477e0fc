// https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#failure-policy
import { defineCheck } from '../../core/check.ts';
import { hasReadyEndpoints } from '../../k8s/services.ts';

interface Webhook {
  name?: string;
  failurePolicy?: string;
  clientConfig?: { service?: { name?: string; namespace?: string }; url?: string };
}

export const webhookBackendUnavailable = defineCheck({
  id: 'webhook-backend-unavailable',
  title: 'Admission webhook with failurePolicy Fail has no working backend',
  severity: 'critical',
  category: 'reliability',
  description:
    'Every API request the webhook matches is sent to its Service first. When that Service is missing or has no ' +
    'ready endpoints and the failure policy is Fail (the default), those requests are rejected: deployments, pod ' +
    'creation, even node updates can stop cluster-wide.',
  remediation:
    "Bring the webhook's pods back (they are often the ones that cannot start because of the webhook itself: " +
    'exclude their namespace with a namespaceSelector), or delete the stale webhook configuration.',
  docs: ['https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/'],
  appliesTo: ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'],
  peers: { k8sgpt: ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'] },
  *check(config, { index, settings }) {
    const webhooks = (config.object as { webhooks?: Webhook[] }).webhooks;
    if (!Array.isArray(webhooks)) return;
    for (const [i, hook] of webhooks.entries()) {
      const svc = hook?.clientConfig?.service;
      if (!svc?.name || !svc.namespace) continue;
      if ((hook.failurePolicy ?? 'Fail') !== 'Fail') continue;
      if (settings.kindsRead && !settings.kindsRead.has('Service')) continue;
      const service = index.get('Service', svc.namespace, svc.name);
      let why: string | undefined;
      if (!service) why = `its Service ${svc.namespace}/${svc.name} does not exist`;
      else if (!settings.kindsRead || settings.kindsRead.has('EndpointSlice')) {
        const ready = hasReadyEndpoints(index, svc.namespace, svc.name);
        if (!ready) why = `its Service ${svc.namespace}/${svc.name} has no ready endpoints`;
      }
      if (!why) continue;
      yield {
        path: ['webhooks', i, 'clientConfig', 'service'],
        message: `webhook "${hook.name}" (failurePolicy Fail) is unreachable: ${why}`,
        cause: {
          key: `webhook/${svc.namespace}/${svc.name}`,
          summary: `admission webhook ${hook.name} fails closed and ${why}: matching API requests are rejected cluster-wide`,
          workload: `${config.ref.kind} ${config.ref.name}`,
          nextSteps: [
            `kubectl -n ${svc.namespace} get svc,endpointslices,pods -l kubernetes.io/service-name=${svc.name}`,
            `kubectl get ${config.ref.kind.toLowerCase()} ${config.ref.name} -o yaml`,
          ],
        },
      };
    }
  },
});
