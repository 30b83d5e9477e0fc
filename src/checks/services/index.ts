import type { AnyCheck } from '../../core/check.ts';
import { ingressBackendUnavailable } from './ingress-backend-unavailable.ts';
import { ingressClassUnavailable } from './ingress-class-unavailable.ts';
import { ingressLoadBalancerError } from './ingress-load-balancer-error.ts';
import { ingressTlsSecretUnavailable } from './ingress-tls-secret-unavailable.ts';
import { networkpolicySelectsNoPods } from './networkpolicy-selects-no-pods.ts';
import { serviceLoadBalancerPending } from './service-load-balancer-pending.ts';
import { serviceNoEndpoints } from './service-no-endpoints.ts';

export const serviceChecks: AnyCheck[] = [
  serviceNoEndpoints,
  serviceLoadBalancerPending,
  ingressClassUnavailable,
  ingressBackendUnavailable,
  ingressTlsSecretUnavailable,
  ingressLoadBalancerError,
  networkpolicySelectsNoPods,
];
