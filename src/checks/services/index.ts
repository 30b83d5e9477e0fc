import type { AnyCheck } from '../../core/check.ts';
import { ingressLoadBalancerError } from './ingress-load-balancer-error.ts';
import { serviceNoEndpoints } from './service-no-endpoints.ts';

export const serviceChecks: AnyCheck[] = [serviceNoEndpoints, ingressLoadBalancerError];
