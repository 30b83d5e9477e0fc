import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { endpointSlice, service } from '../../testing/cluster-builders.ts';
import { ingressBackendUnavailable } from './ingress-backend-unavailable.ts';

const ingress = (backends: { name: string; port: { number: number } | { name: string } }[]): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'shop', namespace: 'web' },
  spec: {
    ingressClassName: 'nginx',
    rules: [
      {
        host: 'shop.example.com',
        http: {
          paths: backends.map((b, i) => ({ path: `/${i}`, pathType: 'Prefix', backend: { service: b } })),
        },
      },
    ],
  },
});

describe('ingress-backend-unavailable', () => {
  it('fires on a missing Service and on a port the Service does not declare', () => {
    const findings = analyze(ingressBackendUnavailable, [
      service('front', 'web', { app: 'front' }, 80, 8080),
      ingress([
        { name: 'front', port: { number: 8080 } },
        { name: 'api', port: { number: 80 } },
        { name: 'api', port: { number: 80 } },
      ]),
    ]);
    assert.deepEqual(findings.map((f) => f.message).sort(), [
      'Ingress "shop" routes to a backend that is not there: Service "api" does not exist in namespace "web"',
      'Ingress "shop" routes to a backend that is not there: Service "front" has no port 8080',
    ]);
    assert.equal(
      findings.find((f) => f.message.includes('api'))?.path,
      'spec.rules[0].http.paths[1].backend.service',
    );
  });
  it('does not fire on good backends, ExternalName Services, a Service in another namespace is still missing, or when Services were not read', () => {
    const external: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'legacy', namespace: 'web' },
      spec: { type: 'ExternalName', externalName: 'legacy.example.com' },
    };
    assert.deepEqual(
      analyze(ingressBackendUnavailable, [
        service('front', 'web', { app: 'front' }, 80),
        endpointSlice('front', 'web', [{ name: 'front-1', ready: true }]),
        external,
        ingress([
          { name: 'front', port: { number: 80 } },
          { name: 'legacy', port: { number: 443 } },
        ]),
      ]),
      [],
    );
    const otherNamespace = analyze(ingressBackendUnavailable, [
      service('api', 'backend', { app: 'api' }, 80),
      ingress([{ name: 'api', port: { number: 80 } }]),
    ]);
    assert.equal(otherNamespace.length, 1);
    assert.deepEqual(
      analyze(ingressBackendUnavailable, [ingress([{ name: 'api', port: { number: 80 } }])], {
        kindsRead: new Set(['Ingress']),
      }),
      [],
    );
  });
  it('a Service without ready endpoints: the Ingress is a consequence of the Service', () => {
    const [finding] = analyze(ingressBackendUnavailable, [
      service('front', 'web', { app: 'front' }, 80),
      endpointSlice('front', 'web', [{ name: 'front-1', ready: false }]),
      ingress([{ name: 'front', port: { number: 80 } }]),
    ]);
    assert.equal(finding?.message, 'Ingress "shop" routes to Service "front", which has no ready endpoints');
    assert.deepEqual(finding?.cause?.upstream, [
      { kind: 'Service', namespace: 'web', name: 'front', checks: ['service-no-endpoints'] },
    ]);
  });
  it('a missing Service a typo away from an existing one: did you mean', () => {
    const [finding] = analyze(ingressBackendUnavailable, [
      service('frontend', 'web', { app: 'front' }, 80),
      endpointSlice('frontend', 'web', [{ name: 'front-1', ready: true }]),
      ingress([{ name: 'fronted', port: { number: 80 } }]),
    ]);
    assert.match(finding?.remediation ?? '', /^Did you mean "frontend"\? /);
  });
});
