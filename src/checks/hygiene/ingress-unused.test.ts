import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { service } from '../../testing/cluster-builders.ts';
import { ingressUnused } from './ingress-unused.ts';

const ingress = (name: string, services: string[], extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name, namespace: 'shop' },
  spec: {
    rules: [
      {
        host: `${name}.example.com`,
        http: {
          paths: services.map((s) => ({
            path: `/${s}`,
            pathType: 'Prefix',
            backend: { service: { name: s, port: { number: 80 } } },
          })),
        },
      },
    ],
    ...extra,
  },
});

describe('ingress-unused', () => {
  it('fires when every backend Service is gone', () => {
    const findings = analyze(ingressUnused, [ingress('old', ['gone-a', 'gone-b'])]);
    assert.deepEqual(
      findings.map((f) => f.message),
      ['Ingress "old" routes only to Services that do not exist: "gone-a", "gone-b"'],
    );
  });
  it('does not fire when one backend exists (also through defaultBackend), for resource backends or a wrong-shaped spec', () => {
    const partly = ingress('partly', ['web', 'gone']);
    const viaDefault = ingress('default', ['gone'], {
      defaultBackend: { service: { name: 'web', port: { number: 80 } } },
    });
    const resource: KubeObject = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'bucket', namespace: 'shop' },
      spec: { defaultBackend: { resource: { apiGroup: 'k8s.example.com', kind: 'Bucket', name: 'static' } } },
    };
    const broken = { ...ingress('broken', []), spec: 'nonsense' } as unknown as KubeObject;
    const findings = analyze(ingressUnused, [
      service('web', 'shop', { app: 'web' }),
      partly,
      viaDefault,
      resource,
      broken,
    ]);
    assert.deepEqual(findings, []);
  });
  it('is not judged in another namespace than its Services', () => {
    const findings = analyze(ingressUnused, [service('web', 'other', { app: 'web' }), ingress('x', ['web'])]);
    assert.equal(findings.length, 1);
  });
});
