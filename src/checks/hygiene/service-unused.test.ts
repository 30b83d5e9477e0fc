import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import { deployment, pod, service } from '../../testing/cluster-builders.ts';
import { serviceUnused } from './service-unused.ts';

describe('service-unused', () => {
  it('fires on a Service whose selector matches no pod or workload', () => {
    const findings = analyze(serviceUnused, [
      service('old-api', 'shop', { app: 'old-api' }),
      pod('web-1', { namespace: 'shop', labels: { app: 'web' } }),
    ]);
    assert.deepEqual(
      findings.map((f) => f.object.name),
      ['old-api'],
    );
  });
  it('does not fire when a pod, or a Deployment scaled to zero, matches; nor on selectorless or kube-system Services', () => {
    const scaledDown = deployment('batch', { namespace: 'shop', replicas: 0, labels: { app: 'batch' } });
    const manual = service('external-db', 'shop', {});
    const findings = analyze(serviceUnused, [
      service('web', 'shop', { app: 'web' }),
      pod('web-1', { namespace: 'shop', labels: { app: 'web', tier: 'x' } }),
      service('batch', 'shop', { app: 'batch' }),
      ...scaledDown,
      manual,
      service('kube-dns', 'kube-system', { 'k8s-app': 'kube-dns' }),
      service('policy-webhook', 'shop', { app: 'policy' }),
      {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingWebhookConfiguration',
        metadata: { name: 'policy' },
        webhooks: [
          { name: 'p.example.com', clientConfig: { service: { name: 'policy-webhook', namespace: 'shop' } } },
        ],
      },
      service('metrics-api', 'shop', { app: 'metrics' }),
      {
        apiVersion: 'apiregistration.k8s.io/v1',
        kind: 'APIService',
        metadata: { name: 'v1beta1.metrics.k8s.io' },
        spec: { service: { name: 'metrics-api', namespace: 'shop' } },
      },
    ]);
    assert.deepEqual(findings, []);
  });
  it('does not match pods of another namespace', () => {
    const findings = analyze(serviceUnused, [
      service('web', 'shop', { app: 'web' }),
      pod('web-1', { namespace: 'other', labels: { app: 'web' } }),
    ]);
    assert.equal(findings.length, 1);
  });
});
