// https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/#IngressStatus
import { defineCheck } from '../../core/check.ts';

export const ingressLoadBalancerError = defineCheck({
  id: 'ingress-load-balancer-error',
  title: 'Ingress controller reports a load balancer error',
  severity: 'high',
  category: 'networking',
  description:
    'The ingress controller could not program the load balancer for this Ingress and said so in status.loadBalancer: traffic for its hosts is not served as configured.',
  remediation:
    "Read the error and the controller's logs; fix the annotations, certificate or cloud quota it names.",
  docs: ['https://kubernetes.io/docs/concepts/services-networking/ingress/'],
  appliesTo: ['Ingress'],
  peers: { popeye: ['POP-1400'] },
  *check(ingress) {
    const entries = (
      ingress.object.status as
        | { loadBalancer?: { ingress?: { ports?: { port?: number; error?: string }[] }[] } }
        | undefined
    )?.loadBalancer?.ingress;
    if (!Array.isArray(entries)) return;
    for (const [i, entry] of entries.entries()) {
      for (const [j, port] of (entry?.ports ?? []).entries()) {
        if (!port?.error) continue;
        yield {
          path: ['status', 'loadBalancer', 'ingress', i, 'ports', j, 'error'],
          message: `Ingress "${ingress.ref.name}" load balancer error${port.port ? ` on port ${port.port}` : ''}: ${port.error}`,
        };
      }
    }
  },
});
