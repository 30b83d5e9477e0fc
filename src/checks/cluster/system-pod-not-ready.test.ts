import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { groupCauses } from '../../diagnose/causes.ts';
import { type PodState, pod } from '../../testing/cluster-builders.ts';
import { systemPodNotReady } from './system-pod-not-ready.ts';

const coredns = (name: string, state: PodState): KubeObject =>
  pod(name, {
    namespace: 'kube-system',
    labels: { 'k8s-app': 'kube-dns' },
    owner: { kind: 'ReplicaSet', name: 'coredns-5d78c9869d' },
    state,
  });

describe('system-pod-not-ready', () => {
  it('is critical when no CoreDNS pod is ready, and groups the replicas into one cause', () => {
    const findings = analyze(systemPodNotReady, [
      coredns('coredns-a', { kind: 'crashloop' }),
      coredns('coredns-b', { kind: 'crashloop' }),
    ]);
    assert.deepEqual(
      findings.map((f) => [f.severity, f.message]),
      [
        [
          'critical',
          'cluster DNS (CoreDNS) pod "coredns-a" is not ready: container "app" CrashLoopBackOff (0/2 ready)',
        ],
        [
          'critical',
          'cluster DNS (CoreDNS) pod "coredns-b" is not ready: container "app" CrashLoopBackOff (0/2 ready)',
        ],
      ],
    );
    const causes = groupCauses(findings);
    assert.equal(causes.length, 1);
    assert.equal(
      causes[0]?.summary,
      'Cluster DNS (CoreDNS) has no ready pod (0/2): name resolution fails for every pod.',
    );
  });
  it('is high when the component is degraded but still serving, and covers control plane static pods', () => {
    const apiserver = pod('kube-apiserver-cp-1', {
      namespace: 'kube-system',
      labels: { component: 'kube-apiserver', tier: 'control-plane' },
      state: { kind: 'not-ready' },
    });
    const findings = analyze(systemPodNotReady, [
      coredns('coredns-a', { kind: 'running' }),
      coredns('coredns-b', { kind: 'image-pull' }),
      apiserver,
    ]);
    assert.deepEqual(findings.map((f) => [f.severity, f.message]).sort(), [
      [
        'critical',
        'kube-apiserver pod "kube-apiserver-cp-1" is not ready: container "app" running but not ready (0/1 ready)',
      ],
      [
        'high',
        'cluster DNS (CoreDNS) pod "coredns-b" is not ready: container "app" ImagePullBackOff (1/2 ready)',
      ],
    ]);
  });
  it('rates other kube-system pods (node agents) below the control plane', () => {
    const proxy = pod('kube-proxy-x', {
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-proxy' },
      owner: { kind: 'DaemonSet', name: 'kube-proxy' },
      state: { kind: 'crashloop' },
    });
    const findings = analyze(systemPodNotReady, [
      proxy,
      pod('kube-proxy-y', { namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } }),
    ]);
    assert.deepEqual(
      findings.map((f) => f.severity),
      ['medium'],
    );
  });
  it('does not fire on ready pods, other namespaces, completed jobs, terminating or brand-new pods', () => {
    const leaving = coredns('coredns-old', { kind: 'crashloop' });
    leaving.metadata.deletionTimestamp = '2026-11-27T23:59:00Z';
    const fresh = coredns('coredns-new', { kind: 'not-ready' });
    fresh.metadata.creationTimestamp = '2026-11-27T23:59:30Z';
    const findings = analyze(systemPodNotReady, [
      coredns('coredns-a', { kind: 'running' }),
      pod('app', { namespace: 'shop', labels: { 'k8s-app': 'kube-dns' }, state: { kind: 'crashloop' } }),
      pod('cleanup', { namespace: 'kube-system', state: { kind: 'succeeded' } }),
      leaving,
      fresh,
      // Known only from a node's pod list (describe text): no conditions, not judged.
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'kube-proxy-z', namespace: 'kube-system' },
        status: { phase: 'Running' },
      },
    ]);
    assert.deepEqual(findings, []);
  });
});
