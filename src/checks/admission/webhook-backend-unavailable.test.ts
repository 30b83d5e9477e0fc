import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { endpointSlice, service } from '../../testing/cluster-builders.ts';
import { webhookBackendUnavailable } from './webhook-backend-unavailable.ts';

const webhook = (failurePolicy?: string): KubeObject => ({
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'ValidatingWebhookConfiguration',
  metadata: { name: 'policy' },
  webhooks: [
    {
      name: 'validate.policy.example.com',
      ...(failurePolicy ? { failurePolicy } : {}),
      clientConfig: { service: { name: 'policy-webhook', namespace: 'policy' } },
    },
  ],
});

describe('webhook-backend-unavailable', () => {
  it('fires (critical) when the Service is missing and the default policy is Fail', () => {
    const findings = analyze(webhookBackendUnavailable, [webhook()]);
    assert.equal(findings[0]?.severity, 'critical');
    assert.match(findings[0]?.message ?? '', /Service policy\/policy-webhook does not exist/);
  });
  it('fires when the Service has no ready endpoints', () => {
    const findings = analyze(webhookBackendUnavailable, [
      webhook('Fail'),
      service('policy-webhook', 'policy', { app: 'p' }),
      endpointSlice('policy-webhook', 'policy', [{ name: 'p-1', ready: false }]),
    ]);
    assert.match(findings[0]?.message ?? '', /no ready endpoints/);
  });
  it('does not fire with failurePolicy Ignore or a ready backend', () => {
    assert.deepEqual(analyze(webhookBackendUnavailable, [webhook('Ignore')]), []);
    assert.deepEqual(
      analyze(webhookBackendUnavailable, [
        webhook('Fail'),
        service('policy-webhook', 'policy', { app: 'p' }),
        endpointSlice('policy-webhook', 'policy', [{ name: 'p-1', ready: true }]),
      ]),
      [],
    );
  });
});
