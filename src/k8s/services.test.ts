import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../core/object.ts';
import { ingressBackends, serviceHasPort, servicePorts, serviceSelector } from './services.ts';

const obj = (kind: string, spec: unknown): KubeObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name: 'x' },
  spec,
});

describe('k8s/services', () => {
  it('reads ports and selectors tolerantly', () => {
    const svc = obj('Service', {
      selector: { app: 'a', n: 1 },
      ports: [{ name: 'http', port: 80, targetPort: 'web' }, null, { port: 53, protocol: 'UDP' }],
    });
    assert.deepEqual(servicePorts(svc), [
      { name: 'http', port: 80, targetPort: 'web', protocol: 'TCP', index: 0 },
      { port: 53, protocol: 'UDP', index: 2 },
    ]);
    assert.deepEqual(serviceSelector(svc), { app: 'a', n: '1' });
    assert.equal(serviceSelector(obj('Service', { selector: {} })), undefined);
    assert.ok(serviceHasPort(svc, { name: 'http' }));
    assert.ok(!serviceHasPort(svc, { number: 8080 }));
  });

  it('reads v1 and legacy Ingress backends', () => {
    const v1 = obj('Ingress', {
      defaultBackend: { service: { name: 'd', port: { number: 80 } } },
      rules: [
        {
          http: {
            paths: [
              { backend: { service: { name: 'w', port: { name: 'http' } } } },
              { backend: { resource: {} } },
            ],
          },
        },
      ],
    });
    assert.deepEqual(
      ingressBackends(v1).map((b) => [b.service, b.port, b.path.join('.')]),
      [
        ['d', { number: 80 }, 'spec.defaultBackend.service'],
        ['w', { name: 'http' }, 'spec.rules.0.http.paths.0.backend.service'],
      ],
    );
    const legacy = obj('Ingress', { backend: { serviceName: 'old', servicePort: '8080' } });
    assert.deepEqual(ingressBackends(legacy)[0]?.port, { number: 8080 });
  });
});
