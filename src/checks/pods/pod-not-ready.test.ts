import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { podNotReady } from './pod-not-ready.ts';
import { podProbeFailing } from './pod-probe-failing.ts';

// Shaped like `kubectl get pod -o yaml`; T0 (the analysis time) is 2026-11-28T00:00:00Z.
function runningPod(o: {
  name?: string;
  namespace?: string;
  readySince?: string;
  readyStatus?: string;
  readyReason?: string;
  containerStatus?: string;
  extraSpec?: string;
  extraConditions?: string;
  initStatuses?: string;
  deleting?: boolean;
  phase?: string;
}): KubeObject {
  return parse(`apiVersion: v1
kind: Pod
metadata:
  name: ${o.name ?? 'checkout-6d5f7c9b8-x2x4k'}
  namespace: ${o.namespace ?? 'shop'}
  creationTimestamp: "2026-11-27T20:00:00Z"
${o.deleting ? '  deletionTimestamp: "2026-11-27T23:59:00Z"\n' : ''}  labels:
    app: checkout
  ownerReferences:
  - apiVersion: apps/v1
    kind: ReplicaSet
    name: checkout-6d5f7c9b8
    uid: 0b7c1d2e-4f5a-4b6c-8d9e-0f1a2b3c4d5e
    controller: true
spec:
  nodeName: worker-2
${o.extraSpec ?? ''}  containers:
  - name: app
    image: registry.example.com/checkout:4.2.0
    ports:
    - containerPort: 8080
      protocol: TCP
    readinessProbe:
      httpGet:
        path: /ready
        port: 8080
        scheme: HTTP
      periodSeconds: 5
      failureThreshold: 3
status:
  phase: ${o.phase ?? 'Running'}
  conditions:
  - type: PodReadyToStartContainers
    status: "True"
    lastTransitionTime: "2026-11-27T20:00:05Z"
  - type: Initialized
    status: "True"
    lastTransitionTime: "2026-11-27T20:00:05Z"
  - type: Ready
    status: "${o.readyStatus ?? 'False'}"
    lastTransitionTime: "${o.readySince ?? '2026-11-27T22:00:00Z'}"
${o.readyReason ? `    reason: ${o.readyReason}\n` : ''}  - type: ContainersReady
    status: "${o.readyStatus ?? 'False'}"
    lastTransitionTime: "${o.readySince ?? '2026-11-27T22:00:00Z'}"
  - type: PodScheduled
    status: "True"
    lastTransitionTime: "2026-11-27T20:00:00Z"
${o.extraConditions ?? ''}${o.initStatuses ?? ''}  containerStatuses:
${
  o.containerStatus ??
  `  - name: app
    image: registry.example.com/checkout:4.2.0
    imageID: registry.example.com/checkout@sha256:3f1c
    containerID: containerd://9a8b7c
    ready: false
    started: true
    restartCount: 0
    state:
      running:
        startedAt: "2026-11-27T20:00:06Z"
`
}  hostIP: 10.0.0.12
  podIP: 10.244.2.17
  qosClass: BestEffort
  startTime: "2026-11-27T20:00:00Z"
`) as KubeObject;
}

const unhealthyEvent = parse(`apiVersion: v1
kind: Event
metadata:
  name: checkout-6d5f7c9b8-x2x4k.18a7f
  namespace: shop
involvedObject:
  kind: Pod
  name: checkout-6d5f7c9b8-x2x4k
  namespace: shop
reason: Unhealthy
message: 'Readiness probe failed: HTTP probe failed with statuscode: 503'
type: Warning
count: 240
firstTimestamp: "2026-11-27T22:00:00Z"
lastTimestamp: "2026-11-27T23:59:50Z"
`) as KubeObject;

describe('pod-not-ready', () => {
  it('fires on a running container whose readiness never succeeds, with the probe as evidence', () => {
    const findings = analyze(podNotReady, [runningPod({ readyReason: 'ContainersNotReady' })]);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.message, 'container "app" is not ready (running for 3h)');
    assert.deepEqual(findings[0]!.evidence, [
      'condition Ready=False (ContainersNotReady) for 2h',
      'container "app" readiness probe: httpGet :8080/ready every 5s, 3 failures',
    ]);
    assert.equal(findings[0]!.cause?.key, 'not-ready/ReplicaSet shop/checkout-6d5f7c9b8/app');
  });

  it('fires on a readiness gate no controller has set, and on a sidecar that is not ready', () => {
    const gated = runningPod({
      readyReason: 'ReadinessGatesNotReady',
      extraSpec: '  readinessGates:\n  - conditionType: target-health.elbv2.k8s.aws/k8s-shop-checkout\n',
      containerStatus: `  - name: app
    image: registry.example.com/checkout:4.2.0
    ready: true
    started: true
    restartCount: 0
    state:
      running:
        startedAt: "2026-11-27T20:00:06Z"
`,
    });
    // A sidecar (restartable init container) counts toward readiness; a finished plain init container does not.
    const sidecar = runningPod({
      name: 'checkout-6d5f7c9b8-q9w8e',
      extraSpec: `  initContainers:
  - name: migrate
    image: registry.example.com/checkout-migrate:4.2.0
  - name: proxy
    image: registry.example.com/mesh-proxy:1.9
    restartPolicy: Always
`,
      initStatuses: `  initContainerStatuses:
  - name: migrate
    image: registry.example.com/checkout-migrate:4.2.0
    ready: false
    restartCount: 0
    state:
      terminated:
        exitCode: 0
        reason: Completed
  - name: proxy
    image: registry.example.com/mesh-proxy:1.9
    ready: false
    started: true
    restartCount: 2
    state:
      running:
        startedAt: "2026-11-27T21:00:00Z"
`,
      containerStatus: `  - name: app
    image: registry.example.com/checkout:4.2.0
    ready: true
    started: true
    restartCount: 0
    state:
      running:
        startedAt: "2026-11-27T20:00:06Z"
`,
    });
    assert.deepEqual(
      analyze(podNotReady, [gated, sidecar]).map((f) => `${f.object.name}: ${f.message}`),
      [
        'checkout-6d5f7c9b8-q9w8e: container "proxy" is not ready (running for 3h, 2 restarts)',
        'checkout-6d5f7c9b8-x2x4k: readiness gate "target-health.elbv2.k8s.aws/k8s-shop-checkout" is not True',
      ],
    );
  });

  it('does not fire on ready pods, within the start-up grace, or on pods other analyzers explain', () => {
    const ready = runningPod({
      readyStatus: 'True',
      containerStatus: `  - name: app
    image: registry.example.com/checkout:4.2.0
    ready: true
    started: true
    restartCount: 0
    state:
      running:
        startedAt: "2026-11-27T20:00:06Z"
`,
    });
    const justRestarted = runningPod({ name: 'a', readySince: '2026-11-27T23:58:00Z' });
    const crashLooping = runningPod({
      name: 'b',
      containerStatus: `  - name: app
    image: registry.example.com/checkout:4.2.0
    ready: false
    started: false
    restartCount: 14
    state:
      waiting:
        reason: CrashLoopBackOff
        message: back-off 5m0s restarting failed container=app
    lastState:
      terminated:
        exitCode: 1
        reason: Error
`,
    });
    const terminating = runningPod({ name: 'c', deleting: true });
    const pending = runningPod({ name: 'd', phase: 'Pending' });
    // kube-system pods are system-pod-not-ready's, which knows the component's impact.
    const system = runningPod({ name: 'coredns-5d78c9869d-abcde', namespace: 'kube-system' });
    assert.deepEqual(
      analyze(podNotReady, [ready, justRestarted, crashLooping, terminating, pending, system]),
      [],
    );
  });

  it('leaves a probe failure with Unhealthy events to pod-probe-failing (one finding, not two)', () => {
    const findings = analyze([podNotReady, podProbeFailing], [runningPod({}), unhealthyEvent]);
    assert.deepEqual(
      findings.map((f) => f.check),
      ['pod-probe-failing'],
    );
  });
});
