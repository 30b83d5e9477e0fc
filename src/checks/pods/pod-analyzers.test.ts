import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import { groupCauses } from '../../diagnose/causes.ts';
import { configMap, deployment, event, node, pod, replicaSetName } from '../../testing/cluster-builders.ts';
import { missingConfigFrom, podConfigMissing } from './pod-config-missing.ts';
import { podCrashLooping } from './pod-crash-looping.ts';
import { podImagePullFailing, pullFailureHint } from './pod-image-pull-failing.ts';
import { podUnschedulable } from './pod-unschedulable.ts';

describe('pod-crash-looping', () => {
  it('fires with the last termination reason, exit code and memory limit', () => {
    const objects = [
      pod('api-1', {
        namespace: 'shop',
        memoryLimit: '128Mi',
        state: { kind: 'crashloop', reason: 'OOMKilled', exitCode: 137, restarts: 9 },
      }),
      event(
        { kind: 'Pod', name: 'api-1', namespace: 'shop' },
        'Warning',
        'BackOff',
        'Back-off restarting failed container',
        { count: 30 },
      ),
    ];
    const [finding, ...rest] = analyze(podCrashLooping, objects);
    assert.equal(rest.length, 0);
    assert.equal(
      finding?.message,
      'container "app" is crash-looping: last exit OOMKilled (exit code 137), 9 restarts',
    );
    assert.ok(finding?.evidence?.some((e) => e === 'memory limit: 128Mi'));
    assert.ok(finding?.evidence?.some((e) => e.startsWith('event: Warning BackOff (x30 over 10m')));
    assert.match(finding?.cause?.summary ?? '', /runs out of memory \(limit 128Mi\)/);
  });
  it('does not fire on running, restarted-but-recovered, completed or terminating pods', () => {
    const recovered = pod('ok-2', { state: { kind: 'running' } });
    (recovered.status as { containerStatuses: { restartCount: number }[] })
      .containerStatuses[0]!.restartCount = 3;
    const terminating = pod('gone', { state: { kind: 'crashloop' } });
    terminating.metadata.deletionTimestamp = '2026-11-27T23:59:00Z';
    assert.deepEqual(
      analyze(podCrashLooping, [
        pod('ok-1'),
        recovered,
        pod('job-1', { state: { kind: 'succeeded' } }),
        terminating,
      ]),
      [],
    );
  });
});

describe('pod-image-pull-failing', () => {
  it('fires with the registry and a hint from the Failed event', () => {
    const objects = [
      pod('web-1', {
        namespace: 'web',
        image: 'ghcr.io/acme/web:9.9',
        state: { kind: 'image-pull', reason: 'ErrImagePull' },
      }),
      event(
        { kind: 'Pod', name: 'web-1', namespace: 'web' },
        'Warning',
        'Failed',
        'Failed to pull image "ghcr.io/acme/web:9.9": 401 Unauthorized',
      ),
    ];
    const findings = analyze(podImagePullFailing, objects);
    assert.equal(findings.length, 1);
    assert.equal(
      findings[0]?.message,
      'container "app" cannot pull image "ghcr.io/acme/web:9.9" (ErrImagePull)',
    );
    assert.ok(findings[0]?.evidence?.includes('registry: ghcr.io'));
    assert.match(findings[0]?.cause?.summary ?? '', /refused the credentials/);
  });
  it('reads the registry answer', () => {
    assert.match(pullFailureHint('manifest unknown'), /does not exist/);
    assert.match(pullFailureHint('dial tcp: lookup registry.internal: no such host'), /cannot reach/);
    assert.match(pullFailureHint('toomanyrequests: You have reached your pull rate limit'), /rate-limiting/);
  });
  it('does not fire on pods that pulled their image', () => {
    assert.deepEqual(
      analyze(podImagePullFailing, [pod('web-1'), pod('web-2', { state: { kind: 'crashloop' } })]),
      [],
    );
  });
});

describe('pod-config-missing', () => {
  it('parses the kubelet messages', () => {
    assert.deepEqual(missingConfigFrom('configmap "app-config" not found'), {
      kind: 'ConfigMap',
      name: 'app-config',
    });
    assert.deepEqual(missingConfigFrom('secret "db" not found'), { kind: 'Secret', name: 'db' });
    assert.deepEqual(missingConfigFrom("couldn't find key url in ConfigMap shop/app-config"), {
      kind: 'ConfigMap',
      name: 'app-config',
      key: 'url',
    });
    assert.equal(missingConfigFrom('container has runAsNonRoot and image will run as root'), undefined);
  });
  it('groups five pods of one Deployment failing on one missing ConfigMap into one cause', () => {
    const objects = [
      ...deployment('cart', { namespace: 'shop', replicas: 5, available: 0 }),
      ...['a', 'b', 'c', 'd', 'e'].map((s) =>
        pod(`cart-${s}`, {
          namespace: 'shop',
          owner: { kind: 'ReplicaSet', name: replicaSetName('cart') },
          state: { kind: 'config-error', message: 'configmap "cart-config" not found' },
        }),
      ),
      // Another workload on the same missing ConfigMap joins the same cause.
      ...deployment('worker', { namespace: 'shop' }),
      pod('worker-a', {
        namespace: 'shop',
        owner: { kind: 'ReplicaSet', name: replicaSetName('worker') },
        state: { kind: 'config-error', message: 'configmap "cart-config" not found' },
      }),
    ];
    const findings = analyze(podConfigMissing, objects);
    assert.equal(findings.length, 6);
    const causes = groupCauses(findings);
    assert.equal(causes.length, 1);
    assert.equal(
      causes[0]?.summary,
      'ConfigMap shop/cart-config is missing; pods that reference it cannot start',
    );
    assert.deepEqual(causes[0]?.impact, {
      namespaces: ['shop'],
      workloads: ['Deployment shop/cart', 'Deployment shop/worker'],
      pods: 6,
    });
    assert.ok(causes[0]?.nextSteps.includes('kubectl -n shop get configmap cart-config'));
  });
  it('does not fire when the container started', () => {
    assert.deepEqual(analyze(podConfigMissing, [pod('a'), configMap('cart-config', 'default')]), []);
  });
});

describe('pod-unschedulable', () => {
  const nodes = [
    node('n1', { cpu: '2' }),
    node('n2', { cpu: '2' }),
    node('gpu', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
    node('down', { ready: 'Unknown' }),
    node('cordoned', { unschedulable: true }),
  ];
  it('explains like the scheduler: counts per reason, sorted', () => {
    const findings = analyze(podUnschedulable, [
      ...nodes,
      pod('big', { cpu: '3', state: { kind: 'pending' } }),
    ]);
    assert.equal(findings.length, 1);
    assert.equal(
      findings[0]?.message,
      'pod is Pending and cannot be scheduled: 0/5 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, ' +
        '1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 1 node(s) were unschedulable, 2 Insufficient cpu.',
    );
  });
  it('counts requests of pods already bound to the node', () => {
    const findings = analyze(podUnschedulable, [
      node('n1', { cpu: '2', memory: '4Gi' }),
      pod('resident', { nodeName: 'n1', cpu: '1500m', memory: '1Gi' }),
      pod('done', { nodeName: 'n1', cpu: '2', state: { kind: 'succeeded' } }),
      pod('new', { cpu: '1', memory: '1Gi', state: { kind: 'pending' } }),
    ]);
    assert.match(findings[0]?.message ?? '', /0\/1 nodes are available: 1 Insufficient cpu\.$/);
    assert.ok(findings[0]?.evidence?.some((e) => e.includes('cpu: requests 1, 500m of 2 free')));
  });
  it('reports node selector mismatches and tolerated taints correctly', () => {
    const findings = analyze(podUnschedulable, [
      node('a', { labels: { disk: 'hdd' } }),
      node('b', {
        taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }],
        labels: { disk: 'ssd' },
      }),
      pod('db', {
        nodeSelector: { disk: 'ssd' },
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }],
        cpu: '64',
        state: { kind: 'pending' },
      }),
    ]);
    assert.match(
      findings[0]?.message ?? '',
      /0\/2 nodes are available: 1 Insufficient cpu, 1 node\(s\) didn't match Pod's node affinity\/selector\.$/,
    );
  });
  it('does not fire on scheduled pods or pods pending for under a minute', () => {
    const fresh = pod('fresh', { state: { kind: 'pending' } });
    fresh.metadata.creationTimestamp = '2026-11-27T23:59:30Z';
    (fresh.status as { conditions: unknown[] }).conditions = [];
    assert.deepEqual(analyze(podUnschedulable, [...nodes, pod('running', { nodeName: 'n1' }), fresh]), []);
  });
});
