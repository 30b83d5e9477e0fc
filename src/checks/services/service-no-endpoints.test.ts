import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { endpointSlice, pod, service } from '../../testing/cluster-builders.ts';
import { serviceNoEndpoints } from './service-no-endpoints.ts';

describe('service-no-endpoints', () => {
  it('fires when the selector matches no pod', () => {
    const findings = analyze(serviceNoEndpoints, [
      service('web', 'shop', { app: 'wbe' }),
      pod('web-1', { namespace: 'shop', labels: { app: 'web' } }),
    ]);
    assert.deepEqual(
      findings.map((f) => f.message),
      ['Service "web" has no ready endpoints: its selector app=wbe matches no pod'],
    );
  });
  it('fires when pods match but none is ready (read from EndpointSlices)', () => {
    const findings = analyze(serviceNoEndpoints, [
      service('web', 'shop', { app: 'web' }),
      pod('web-1', { namespace: 'shop', labels: { app: 'web' }, state: { kind: 'not-ready' } }),
      endpointSlice('web', 'shop', [{ name: 'web-1', ready: false }]),
    ]);
    assert.deepEqual(
      findings.map((f) => f.message),
      ['Service "web" has no ready endpoints: 1 pod(s) match its selector but none is ready'],
    );
  });
  it('does not fire on ready endpoints, headless with ready endpoints, ExternalName or selector-less Services', () => {
    const external: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'db', namespace: 'shop' },
      spec: { type: 'ExternalName', externalName: 'db.example.com' },
    };
    const manual: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'legacy', namespace: 'shop' },
      spec: { ports: [{ port: 80 }] },
    };
    const headless = service('hl', 'shop', { app: 'web' });
    (headless.spec as { clusterIP: string }).clusterIP = 'None';
    const findings = analyze(serviceNoEndpoints, [
      service('web', 'shop', { app: 'web' }),
      headless,
      pod('web-1', { namespace: 'shop', labels: { app: 'web' } }),
      endpointSlice('web', 'shop', [{ name: 'web-1', ready: true }]),
      {
        ...endpointSlice('hl', 'shop', [{ name: 'web-1', ready: true }]),
        metadata: { name: 'hl-x', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'hl' } },
      },
      external,
      manual,
    ]);
    assert.deepEqual(findings, []);
  });
  it('stays silent when EndpointSlices could not be read (RBAC) rather than guessing', () => {
    const findings = analyze(serviceNoEndpoints, [service('web', 'shop', { app: 'web' })], {
      kindsRead: new Set(['Service', 'Pod']),
    });
    assert.deepEqual(findings, []);
  });
  it('falls back to v1 Endpoints only when no EndpointSlice exists', () => {
    const endpoints = (name: string, addresses: unknown[]): KubeObject =>
      ({
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name, namespace: 'shop' },
        subsets: addresses.length
          ? [{ addresses, ports: [{ port: 8080 }] }]
          : [{ notReadyAddresses: [{ ip: '10.0.0.9' }] }],
      }) as unknown as KubeObject;
    const findings = analyze(serviceNoEndpoints, [
      service('old', 'shop', { app: 'old' }),
      endpoints('old', [{ ip: '10.0.0.5' }]),
      service('empty', 'shop', { app: 'empty' }),
      endpoints('empty', []),
    ]);
    assert.deepEqual(
      findings.map((f) => f.message),
      ['Service "empty" has no ready endpoints: its selector app=empty matches no pod'],
    );
  });
  it('judges from v1 Endpoints when only they were read, and stays silent when neither kind was read', () => {
    const objects: KubeObject[] = [
      service('web', 'shop', { app: 'web' }),
      {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'web', namespace: 'shop' },
        subsets: [{ addresses: [{ ip: '10.0.0.5' }] }],
      } as unknown as KubeObject,
      service('api', 'shop', { app: 'api' }),
    ];
    assert.deepEqual(
      analyze(serviceNoEndpoints, objects, { kindsRead: new Set(['Service', 'Pod', 'Endpoints']) }).map(
        (f) => f.object.name,
      ),
      ['api'],
    );
    assert.deepEqual(analyze(serviceNoEndpoints, objects, { kindsRead: new Set(['Service', 'Pod']) }), []);
  });
});
