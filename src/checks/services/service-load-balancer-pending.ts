// https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer
import { defineCheck } from '../../core/check.ts';
import { kubectl } from '../../diagnose/pod-context.ts';
import { age, eventsFor, formatEvent } from '../../k8s/events.ts';

export const serviceLoadBalancerPending = defineCheck<{ minutes: number }>({
  id: 'service-load-balancer-pending',
  title: 'LoadBalancer Service has no external address',
  severity: 'medium',
  category: 'networking',
  description:
    'A Service of type LoadBalancer gets its address from a controller (the cloud provider, MetalLB, a ' +
    'loadBalancerClass implementation). Minutes after creation without status.loadBalancer.ingress means no ' +
    'controller handles it (bare-metal cluster without one, wrong loadBalancerClass) or the controller fails: ' +
    'quota, subnet or annotation errors show up as SyncLoadBalancerFailed events. Clients outside the cluster ' +
    'cannot reach it.',
  remediation:
    'Read the Service events; install or fix the load balancer controller, correct its annotations or ' +
    'loadBalancerClass, or raise the cloud quota. Use NodePort or an Ingress where no load balancer exists.',
  docs: ['https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer'],
  appliesTo: ['Service'],
  params: { minutes: 10 },
  peers: {},
  *check(service, { index, settings, params }) {
    const spec = (service.object.spec ?? {}) as { type?: unknown; loadBalancerClass?: unknown };
    if (spec.type !== 'LoadBalancer') return;
    const entries = (service.object.status as { loadBalancer?: { ingress?: unknown } } | undefined)
      ?.loadBalancer?.ingress;
    if (
      Array.isArray(entries) &&
      entries.some(
        (e) => (e as { ip?: unknown; hostname?: unknown })?.ip || (e as { hostname?: unknown })?.hostname,
      )
    )
      return;
    const created = Date.parse(service.object.metadata.creationTimestamp ?? '');
    if (Number.isNaN(created) || settings.now.getTime() - created < params.minutes * 60_000) return;
    const ns = service.ref.namespace;
    const events = eventsFor(index, service.ref).filter((e) => /LoadBalancer/.test(e.reason));
    const failed = events.find((e) => e.type === 'Warning');
    const lbClass = typeof spec.loadBalancerClass === 'string' ? spec.loadBalancerClass : undefined;
    yield {
      path: ['status', 'loadBalancer'],
      message: `Service "${service.ref.name}" of type LoadBalancer has no external address after ${age(new Date(created), settings.now)}${failed ? `: ${failed.reason}: ${failed.message.slice(0, 200)}` : lbClass ? ` (loadBalancerClass "${lbClass}")` : ''}`,
      evidence: events.slice(0, 3).map((e) => `event: ${formatEvent(e, settings.now)}`),
      severity: failed ? 'high' : 'medium',
      cause: {
        key: failed ? `lb-failed/${ns ?? ''}/${service.ref.name}` : `lb-pending/${lbClass ?? ''}`,
        summary: failed
          ? `the load balancer for Service ${ns}/${service.ref.name} cannot be created: ${failed.message.slice(0, 160)}`
          : `LoadBalancer Services get no address${lbClass ? ` from loadBalancerClass "${lbClass}"` : ''}: no load balancer controller handles them`,
        workload: `Service ${ns ? `${ns}/` : ''}${service.ref.name}`,
        nextSteps: [
          kubectl(ns, `describe service ${service.ref.name}`),
          'kubectl get pods -A -l app.kubernetes.io/component=controller',
        ],
      },
    };
  },
});
