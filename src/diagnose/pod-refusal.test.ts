// The API server's refusals (kube-apiserver v1.34 wording, as the test bed produced them), read into their parts,
// and the fix each gets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indexOf } from '../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../core/object.ts';
import { deployment } from '../testing/cluster-builders.ts';
import { diagnoseRefusal, parseRefusal } from './pod-refusal.ts';

const PSS =
  'pods "web-9dc5854c4-9jzg8" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false ' +
  '(container "app" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "app" ' +
  'must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "app" must set ' +
  'securityContext.runAsNonRoot=true), seccompProfile (pod or container "app" must set securityContext.seccompProfile.type ' +
  'to "RuntimeDefault" or "Localhost")';

describe('parseRefusal', () => {
  it('quota exceeded: each resource with requested, used and limited', () => {
    assert.deepEqual(
      parseRefusal(
        'Error creating: pods "api-x" is forbidden: exceeded quota: compute, requested: requests.cpu=400m,requests.memory=1Gi, used: requests.cpu=800m,requests.memory=1Gi, limited: requests.cpu=1,requests.memory=2Gi',
      ),
      {
        kind: 'quota-exceeded',
        quota: 'compute',
        amounts: [
          { resource: 'requests.cpu', requested: '400m', used: '800m', limited: '1' },
          { resource: 'requests.memory', requested: '1Gi', used: '1Gi', limited: '2Gi' },
        ],
      },
    );
  });
  it('quota missing fields: the resource and its containers', () => {
    assert.deepEqual(
      parseRefusal(
        'pods "web-x" is forbidden: failed quota: compute: must specify limits.cpu for: app,sidecar; requests.memory for: app',
      ),
      {
        kind: 'quota-missing',
        quota: 'compute',
        fields: [
          { resource: 'limits.cpu', containers: ['app', 'sidecar'] },
          { resource: 'requests.memory', containers: ['app'] },
        ],
      },
    );
  });
  it('PodSecurity: every control with what must be set, parentheses and quotes inside', () => {
    const refusal = parseRefusal(PSS);
    assert.equal(refusal.kind, 'pod-security');
    assert.deepEqual(refusal.kind === 'pod-security' ? refusal.violations.map((v) => v.control) : [], [
      'allowPrivilegeEscalation != false',
      'unrestricted capabilities',
      'runAsNonRoot != true',
      'seccompProfile',
    ]);
  });
  it('webhooks: a denial with its message, and an unreachable backend', () => {
    assert.deepEqual(
      parseRefusal(
        'Error creating: admission webhook "validate.kyverno.svc-fail" denied the request: policy require-labels: label team is required',
      ),
      {
        kind: 'webhook',
        webhook: 'validate.kyverno.svc-fail',
        message: 'policy require-labels: label team is required',
      },
    );
    assert.equal(
      parseRefusal(
        'Internal error occurred: failed calling webhook "policy.example.com": failed to call webhook: Post "https://policy.policy.svc:443/validate": dial tcp 10.96.0.9:443: connect: connection refused',
      ).kind,
      'webhook-unreachable',
    );
  });
  it('LimitRange, a missing ServiceAccount, and anything else kept as said', () => {
    assert.equal(
      parseRefusal('pods "big-x" is forbidden: maximum cpu usage per Container is 1, but limit is 2').kind,
      'limit-range',
    );
    assert.deepEqual(
      parseRefusal(
        'pods "sa-x-" is forbidden: error looking up service account shop/deployer: serviceaccount "deployer" not found',
      ),
      { kind: 'service-account', name: 'deployer' },
    );
    assert.deepEqual(parseRefusal('pods "x" is forbidden: something new'), {
      kind: 'other',
      text: 'something new',
    });
  });
});

describe('diagnoseRefusal', () => {
  const [web, rs] = deployment('web', { namespace: 'shop' });
  const objects = (extra: KubeObject[] = []) => indexOf([web!, rs!, ...extra]);
  const owned = (index: ReturnType<typeof indexOf>) => index.get('ReplicaSet', 'shop', 'web-7d9f8c6b5')!;

  it('missing fields: per container, in the Deployment (not its ReplicaSet), with the LimitRange that exists', () => {
    const limitRange: KubeObject = {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'defaults', namespace: 'shop' },
      spec: { limits: [{ type: 'Container', max: { cpu: '2' } }] },
    };
    const index = objects([limitRange]);
    const d = diagnoseRefusal(
      index,
      owned(index),
      parseRefusal('failed quota: compute: must specify limits.cpu for: app; requests.cpu for: app,sidecar'),
    );
    assert.equal(
      d.remedy,
      'Add resources.limits.cpu and resources.requests.cpu to container app and resources.requests.cpu to container sidecar ' +
        'in the pod template of Deployment web, or add default.cpu and defaultRequest.cpu to a Container entry of ' +
        'LimitRange defaults in namespace shop so pods that set none get them.',
    );
  });
  it('PodSecurity: the controls and the fields, nothing about other reasons', () => {
    const index = objects();
    const d = diagnoseRefusal(index, owned(index), parseRefusal(PSS));
    assert.match(
      d.why,
      /enforces Pod Security "restricted:latest" and the pod template violates allowPrivilegeEscalation != false/,
    );
    assert.match(
      d.remedy,
      /unrestricted capabilities: container "app" must set securityContext\.capabilities\.drop=\["ALL"\]/,
    );
    assert.doesNotMatch(d.remedy, /quota|LimitRange|webhook/);
  });
  it('a webhook denial names its configuration; a missing ServiceAccount suggests the near one', () => {
    const config: KubeObject = {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: 'kyverno-resource-validating-webhook-cfg' },
      webhooks: [{ name: 'validate.kyverno.svc-fail' }],
    } as KubeObject;
    const sa: KubeObject = {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'deployer', namespace: 'shop' },
    };
    const index = objects([config, sa]);
    assert.match(
      diagnoseRefusal(
        index,
        owned(index),
        parseRefusal('admission webhook "validate.kyverno.svc-fail" denied the request: no'),
      ).remedy,
      /webhook validate\.kyverno\.svc-fail \(ValidatingWebhookConfiguration kyverno-resource-validating-webhook-cfg\): no$/,
    );
    assert.match(
      diagnoseRefusal(index, owned(index), { kind: 'service-account', name: 'deployr' }).remedy,
      /^Did you mean ServiceAccount deployer\? Create ServiceAccount deployr in namespace shop/,
    );
  });
});
