import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { helmReleaseSecret, pod } from '../../testing/cluster-builders.ts';
import { secretUnused } from './secret-unused.ts';

const ALL_KINDS = { kindsRead: new Set(['Pod', 'Secret', 'ServiceAccount']) };
const secret = (name: string, namespace = 'shop', extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace },
  data: { token: 'eA==' },
  ...extra,
});

describe('secret-unused', () => {
  it('fires on a Secret nothing uses, without printing its value', () => {
    const findings = analyze(
      secretUnused,
      [secret('stale-api-key'), pod('web', { namespace: 'shop' })],
      ALL_KINDS,
    );
    assert.deepEqual(
      findings.map((f) => f.object.name),
      ['stale-api-key'],
    );
    assert.doesNotMatch(JSON.stringify(findings), /eA==/);
  });
  it('does not fire on a Secret used only as an imagePullSecret of a ServiceAccount', () => {
    const sa: KubeObject = {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'builder', namespace: 'shop' },
      imagePullSecrets: [{ name: 'registry-creds' }],
    };
    assert.deepEqual(analyze(secretUnused, [secret('registry-creds'), sa], ALL_KINDS), []);
  });
  it('does not fire on Gateway certificates, ingress controller default certificates, Helm records or SA tokens', () => {
    const gateway: KubeObject = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'public', namespace: 'edge' },
      spec: { listeners: [{ name: 'https', tls: { certificateRefs: [{ name: 'wildcard-tls' }] } }] },
    };
    const controller = pod('ingress-nginx-controller', { namespace: 'ingress' });
    (controller.spec as { containers: { args?: string[] }[] }).containers[0]!.args = [
      '--default-ssl-certificate=ingress/default-cert',
    ];
    const sa: KubeObject = {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'ci', namespace: 'shop' },
    };
    const token = secret('ci-token', 'shop', { type: 'kubernetes.io/service-account-token' });
    token.metadata.annotations = { 'kubernetes.io/service-account.name': 'ci' };
    const findings = analyze(
      secretUnused,
      [
        secret('wildcard-tls', 'edge'),
        gateway,
        secret('default-cert', 'ingress'),
        controller,
        helmReleaseSecret('web', 'shop', ''),
        sa,
        token,
      ],
      ALL_KINDS,
    );
    assert.deepEqual(findings, []);
  });
});
