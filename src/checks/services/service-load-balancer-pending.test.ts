import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { event, minutesBefore, T0 } from '../../testing/cluster-builders.ts';
import { serviceLoadBalancerPending } from './service-load-balancer-pending.ts';

function lb(name: string, minutesAgo: number, ingress?: unknown[], type = 'LoadBalancer'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'edge', creationTimestamp: minutesBefore(T0, minutesAgo) },
    spec: { type, selector: { app: name }, ports: [{ port: 443, targetPort: 8443 }] },
    status: { loadBalancer: ingress ? { ingress } : {} },
  };
}

describe('service-load-balancer-pending', () => {
  it('fires (medium) on a LoadBalancer without address past the wait, (high) with the failure event', () => {
    const findings = analyze(serviceLoadBalancerPending, [
      lb('quiet', 30),
      lb('failing', 45),
      event(
        { kind: 'Service', name: 'failing', namespace: 'edge' },
        'Warning',
        'SyncLoadBalancerFailed',
        'Error syncing load balancer: failed to ensure load balancer: quota exceeded for "IN_USE_ADDRESSES"',
        { count: 8 },
      ),
    ]);
    assert.deepEqual(findings.map((f) => [f.severity, f.message]).sort(), [
      [
        'high',
        'Service "failing" of type LoadBalancer has no external address after 45m: SyncLoadBalancerFailed: Error syncing load balancer: failed to ensure load balancer: quota exceeded for "IN_USE_ADDRESSES"',
      ],
      ['medium', 'Service "quiet" of type LoadBalancer has no external address after 30m'],
    ]);
  });
  it('does not fire on assigned addresses (ip or hostname), new Services, or other types', () => {
    assert.deepEqual(
      analyze(serviceLoadBalancerPending, [
        lb('ip', 60, [{ ip: '203.0.113.7' }]),
        lb('aws', 60, [{ hostname: 'abc.elb.amazonaws.com' }]),
        lb('new', 3),
        lb('internal', 60, undefined, 'ClusterIP'),
      ]),
      [],
    );
  });
});
