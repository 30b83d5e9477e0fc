import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DIAGNOSE_CHECKS } from '../../checks/registry.ts';
import { emptyConfig } from '../../core/config.ts';
import { runChecks, selectChecks } from '../../core/engine.ts';
import { ObjectIndex } from '../../core/index.ts';
import type { KubeObject } from '../../core/object.ts';
import { loadDescribe } from './load-describe.ts';
import { parseDescribe, parseToleration, splitDocuments } from './parse-describe.ts';
import { parseDuration } from './text-tree.ts';

const fixture = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');

function diagnose(inputs: { name: string; text: string }[]) {
  const loaded = loadDescribe(inputs, new Date('2026-11-28T12:00:00Z'));
  const settings = { now: loaded.capturedAt ?? new Date(), kindsRead: new Set(loaded.kinds) };
  const index = new ObjectIndex(loaded.objects, { partial: false });
  const findings = runChecks(
    index,
    selectChecks(DIAGNOSE_CHECKS, emptyConfig(), settings),
    settings,
  ).findings;
  return { loaded, findings };
}

describe('describe text: pods', () => {
  it('reads container states, exit codes, restarts, resources, env references, owner and events', () => {
    const { objects, capturedAt } = parseDescribe(fixture('pod-crashloop.txt'));
    const pod = objects.find((o) => o.kind === 'Pod') as KubeObject & {
      spec: { containers: Record<string, unknown>[]; nodeName: string; tolerations: unknown[] };
      status: { containerStatuses: Record<string, unknown>[]; conditions: unknown[]; phase: string };
    };
    assert.equal(pod.metadata.namespace, 'shop');
    assert.deepEqual(pod.metadata.labels, { app: 'orders-api', 'pod-template-hash': '5f7d8b9c4d' });
    assert.equal(pod.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'], '2026-11-26T10:00:00Z');
    assert.deepEqual(pod.metadata.ownerReferences?.[0], {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      name: 'orders-api-5f7d8b9c4d',
      controller: true,
    });
    assert.equal(pod.spec.nodeName, 'worker-2');
    assert.deepEqual(pod.spec.containers[0]?.resources, {
      limits: { memory: '256Mi' },
      requests: { cpu: '250m', memory: '128Mi' },
    });
    assert.deepEqual((pod.spec.containers[0]!.env as unknown[])[0], {
      name: 'DB_URL',
      valueFrom: { configMapKeyRef: { key: 'url', name: 'orders-db' } },
    });
    assert.deepEqual(pod.spec.containers[0]?.ports, [{ containerPort: 8080, protocol: 'TCP' }]);
    const status = pod.status.containerStatuses[0]!;
    assert.equal(status.restartCount, 6);
    assert.equal(status.ready, false);
    assert.deepEqual(status.state, { waiting: { reason: 'CrashLoopBackOff' } });
    assert.deepEqual(status.lastState, {
      terminated: {
        reason: 'OOMKilled',
        exitCode: 137,
        startedAt: '2026-11-27T09:20:11Z',
        finishedAt: '2026-11-27T09:20:40Z',
      },
    });
    assert.equal(pod.status.phase, 'Running');
    assert.equal(pod.status.conditions.length, 4);
    // Ages are relative to the capture; the newest absolute time in the text stands in for it.
    assert.equal(capturedAt?.toISOString(), '2026-11-27T09:20:40.000Z');
    const backOff = objects.find((o) => o.kind === 'Event' && o.reason === 'BackOff') as Record<
      string,
      unknown
    >;
    assert.equal(backOff.count, 25);
    assert.equal(backOff.lastTimestamp, '2026-11-27T09:20:20Z');
    assert.equal(backOff.firstTimestamp, '2026-11-27T09:14:40Z');
    assert.equal(backOff.type, 'Warning');
    assert.match(String(backOff.message), /^Back-off restarting failed container api/);
  });

  it('runs the same analyzers: a crash loop with the OOM kill and the memory limit', () => {
    const { findings, loaded } = diagnose([{ name: 'paste', text: fixture('pod-crashloop.txt') }]);
    assert.deepEqual(
      findings.map((f) => [f.check, f.message]),
      [
        [
          'pod-crash-looping',
          'container "api" is crash-looping: last exit OOMKilled (exit code 137), 6 restarts',
        ],
      ],
    );
    assert.ok(findings[0]?.evidence?.includes('memory limit: 256Mi'));
    assert.ok(loaded.limits.some((l) => l.startsWith('container logs are not part of describe output')));
    assert.ok(loaded.limits.some((l) => l.includes('ReplicaSet/orders-api-5f7d8b9c4d')));
  });

  it('reproduces the scheduler when the nodes were described too, counting pods already on them', () => {
    const { findings, loaded } = diagnose([{ name: 'paste', text: fixture('pending-with-nodes.txt') }]);
    const pending = findings.filter((f) => f.check === 'pod-unschedulable');
    assert.equal(pending.length, 1);
    const event = loaded.objects.find((o) => o.object.reason === 'FailedScheduling')!.object;
    const scheduler = String(event.message).split(' preemption:')[0];
    assert.equal(pending[0]?.message, `pod is Pending and cannot be scheduled: ${scheduler}`);
    assert.ok(pending[0]?.evidence?.some((e) => e === 'node pool-a: cpu: requests 3, 2400m of 4 free'));
    // Nodes are healthy and the pods listed on them are context only.
    assert.deepEqual(
      findings.filter((f) => f.check !== 'pod-unschedulable'),
      [],
    );
    assert.ok(!loaded.limits.some((l) => l.startsWith('node capacity')));
  });

  it('quotes FailedScheduling and says so when no node was described', () => {
    const text = fixture('pending-with-nodes.txt').split('\n\n\nName:')[0]!;
    const { findings, loaded } = diagnose([{ name: 'paste', text }]);
    assert.deepEqual(
      findings.map((f) => f.message),
      [
        "pod is Pending and cannot be scheduled: 0/3 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint(s).",
      ],
    );
    assert.match(
      loaded.limits[0] ?? '',
      /^node capacity, labels and taints are not in the text: .*quoting FailedScheduling/,
    );
  });
});

describe('describe text: nodes, deployments, claims', () => {
  it('reads node taints, conditions, allocatable and kubelet version', () => {
    const { objects } = parseDescribe(fixture('pending-with-nodes.txt'));
    const gpu = objects.find((o) => o.kind === 'Node' && o.metadata.name === 'gpu-1')!;
    assert.deepEqual((gpu.spec as { taints: unknown }).taints, [
      { key: 'gpu', value: 'true', effect: 'NoSchedule' },
    ]);
    const poolA = objects.find((o) => o.kind === 'Node' && o.metadata.name === 'pool-a')!;
    const status = poolA.status as {
      conditions: Record<string, unknown>[];
      allocatable: unknown;
      nodeInfo: unknown;
    };
    assert.deepEqual(status.allocatable, { cpu: '4', memory: '16Gi', pods: '110' });
    assert.deepEqual(status.nodeInfo, {
      kubeletVersion: 'v1.34.2',
      containerRuntimeVersion: 'containerd://2.1.0',
    });
    assert.deepEqual(status.conditions[1], {
      type: 'Ready',
      status: 'True',
      lastHeartbeatTime: '2026-11-28T07:59:30Z',
      lastTransitionTime: '2026-11-02T08:01:00Z',
      reason: 'KubeletReady',
      message: 'kubelet is posting ready status',
    });
  });

  it('reads a Deployment whose rollout is stuck and reports it', () => {
    const { findings } = diagnose([{ name: 'paste', text: fixture('deployment.txt') }]);
    assert.deepEqual(
      findings.map((f) => [f.check, f.message]),
      [
        [
          'workload-replicas-unavailable',
          'Deployment "checkout": 1/3 replicas available; rollout stalled (ProgressDeadlineExceeded): ',
        ],
      ],
    );
    const { objects } = parseDescribe(fixture('deployment.txt'));
    assert.deepEqual((objects[0]!.spec as { selector: unknown }).selector, {
      matchLabels: { app: 'checkout', tier: 'web' },
    });
  });

  it('reads a claim from a recorded tool call (JSON header lines, no stdout: marker)', () => {
    const text = [
      '{"toolset_name":"k","tool_name":"kubectl_describe","match_params":{"kind":"pvc","name":"data","namespace":"db"}}',
      '{"status":"success","return_code":0}',
      'Name:          data',
      'Namespace:     db',
      'StorageClass:  fast-ssd',
      'Status:        Pending',
      'Volume:',
      'Labels:        <none>',
      'Access Modes:',
      'VolumeMode:    Filesystem',
      'Events:',
      '  Type     Reason              Age                 From                         Message',
      '  ----     ------              ----                ----                         -------',
      '  Warning  ProvisioningFailed  5s (x12 over 3m)    persistentvolume-controller  storageclass.storage.k8s.io "fast-ssd" not found',
    ].join('\n');
    const { findings } = diagnose([{ name: 'call.txt', text }]);
    assert.deepEqual(
      findings.map((f) => f.message),
      ['PersistentVolumeClaim "data" is Pending: StorageClass "fast-ssd" does not exist'],
    );
  });

  it('unwraps the stdout:/stderr: form and keeps the first copy of an object described twice', () => {
    const body = fixture('deployment.txt');
    const wrapped = `{"tool_name":"kubectl_describe","match_params":{"kind":"deployment"}}\n{"status":"success"}\nstdout:\n${body}\nstderr:\n`;
    assert.equal(splitDocuments(wrapped).length, 1);
    assert.equal(splitDocuments(wrapped)[0]?.kindHint, 'Deployment');
    const { objects } = loadDescribe([
      { name: 'a', text: wrapped },
      { name: 'b', text: body },
    ]);
    assert.equal(objects.filter((o) => o.ref.kind === 'Deployment').length, 1);
    assert.equal(objects.filter((o) => o.ref.kind === 'Event').length, 1);
  });
});

describe('describe text: bad input', () => {
  it('never throws, and says what it could not read', () => {
    for (const text of [
      '',
      'garbage\n\u0000\u0001',
      'Name:\n',
      'Name: x\nStatus: ???\nContainers:\n  :\n',
      '{"a":1}\nstdout:\n',
    ]) {
      const loaded = loadDescribe([{ name: 'x', text }]);
      assert.ok(Array.isArray(loaded.objects));
    }
    const empty = loadDescribe([{ name: 'logs.txt', text: 'hello\nworld\n' }]);
    assert.match(empty.problems[0]?.message ?? '', /no "kubectl describe" output recognised/);
    const unsupported = loadDescribe([
      {
        name: 's',
        text: 'Name: web\nNamespace: a\nReplicas: 3 desired | 3 total\nUpdate Strategy: RollingUpdate\n',
      },
    ]);
    assert.match(unsupported.problems[0]?.message ?? '', /is a StatefulSet; --describe reads pods, nodes/);
  });

  it('parses kubectl durations and toleration lines', () => {
    assert.equal(parseDuration('6m35s'), 395_000);
    assert.equal(parseDuration('28d'), 28 * 86_400_000);
    assert.equal(parseDuration('<unknown>'), undefined);
    assert.deepEqual(parseToleration('op=Exists'), [{ operator: 'Exists' }]);
    assert.deepEqual(parseToleration('dedicated=gpu:NoSchedule'), [
      { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
    ]);
    assert.deepEqual(parseToleration('node.kubernetes.io/unreachable:NoExecute op=Exists for 300s'), [
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ]);
  });
});
