import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { deployment, minutesBefore, T0 } from '../../testing/cluster-builders.ts';
import { workloadReplicasUnavailable } from './workload-replicas-unavailable.ts';

describe('workload-replicas-unavailable', () => {
  it('fires with ReplicaFailure (quota) and availability counts', () => {
    const [d] = deployment('api', { namespace: 'shop', replicas: 3, available: 1 });
    (d!.status as { conditions: unknown[] }).conditions.push({
      type: 'ReplicaFailure',
      status: 'True',
      reason: 'FailedCreate',
      message:
        'pods "api-x" is forbidden: exceeded quota: compute, requested: cpu=500m, used: cpu=2, limited: cpu=2',
    });
    const findings = analyze(workloadReplicasUnavailable, [d!]);
    assert.equal(findings.length, 1);
    assert.match(
      findings[0]!.message,
      /^Deployment "api": 1\/3 replicas available; ReplicaFailure: pods "api-x" is forbidden: exceeded quota/,
    );
    assert.equal(findings[0]!.severity, 'medium');
  });
  it('is high when nothing is available', () => {
    const [d] = deployment('api', { namespace: 'shop', replicas: 2, available: 0 });
    assert.equal(analyze(workloadReplicasUnavailable, [d!])[0]?.severity, 'high');
  });
  it('does not fire on healthy, scaled-to-zero or just-created workloads', () => {
    const [healthy] = deployment('a', { replicas: 3 });
    const [zero] = deployment('b', { replicas: 0, available: 0 });
    const [fresh] = deployment('c', { replicas: 2, available: 0 });
    fresh!.metadata.creationTimestamp = '2026-11-27T23:59:30Z';
    assert.deepEqual(analyze(workloadReplicasUnavailable, [healthy!, zero!, fresh!]), []);
  });
  it('judges a ReplicaSet through its Deployment, but a bare ReplicaSet on its own', () => {
    const [d, rs] = deployment('api', { namespace: 'shop', replicas: 2, available: 0 });
    // Owned ReplicaSet with its Deployment present: only the Deployment is reported.
    const owned = analyze(workloadReplicasUnavailable, [d!, rs!]);
    assert.deepEqual(
      owned.map((f) => f.object.kind),
      ['Deployment'],
    );
    const bare: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'legacy', namespace: 'shop', creationTimestamp: minutesBefore(T0, 60) },
      spec: { replicas: 3, selector: { matchLabels: { app: 'legacy' } } },
      status: { replicas: 3, readyReplicas: 1, availableReplicas: 1 },
    };
    // An owned ReplicaSet whose Deployment is not in the set is judged on its own as well.
    const orphaned = analyze(workloadReplicasUnavailable, [bare, rs!]);
    assert.deepEqual(orphaned.map((f) => f.message).sort(), [
      'ReplicaSet "api-7d9f8c6b5": 0/2 replicas available',
      'ReplicaSet "legacy": 1/3 replicas available',
    ]);
  });
  it('reports pods not ready during a rollout even when availability is met (low)', () => {
    const [d] = deployment('web', { namespace: 'shop', replicas: 3, available: 3 });
    const status = d!.status as { replicas: number; readyReplicas: number };
    status.replicas = 4; // one new pod of the rollout is not ready
    status.readyReplicas = 3;
    const findings = analyze(workloadReplicasUnavailable, [d!]);
    assert.deepEqual(
      findings.map((f) => [f.message, f.severity]),
      [
        [
          'Deployment "web": 3/3 replicas available; 1 of 4 pods not ready (rollout in progress or stuck)',
          'low',
        ],
      ],
    );
  });
  it('reads DaemonSet counts and a stalled rollout', () => {
    const ds: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'ops', creationTimestamp: minutesBefore(T0, 600) },
      spec: { selector: { matchLabels: { app: 'agent' } } },
      status: { desiredNumberScheduled: 5, currentNumberScheduled: 5, numberReady: 3, numberAvailable: 3 },
    };
    const [d] = deployment('slow', { namespace: 'shop', replicas: 2, available: 2 });
    (d!.status as { conditions: unknown[] }).conditions[1] = {
      type: 'Progressing',
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: 'ReplicaSet "slow-5c" has timed out progressing.',
    };
    const findings = analyze(workloadReplicasUnavailable, [ds, d!]);
    assert.deepEqual(findings.map((f) => f.message).sort(), [
      'DaemonSet "agent": 3/5 replicas available',
      'Deployment "slow": 2/2 replicas available; rollout stalled (ProgressDeadlineExceeded): ReplicaSet "slow-5c" has timed out progressing.',
    ]);
  });

  // apps/v1 omits zero counts (availableReplicas,omitempty): a status without the field says 0 available.
  const replicaSet = (minReadySeconds: string, status: string): KubeObject =>
    parse(`apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: proxy-6f7d8c9b5
  namespace: web
  creationTimestamp: "2026-11-27T18:00:00Z"
  generation: 1
spec:
  replicas: 1
${minReadySeconds}  selector:
    matchLabels:
      app: proxy
  template:
    metadata:
      labels:
        app: proxy
    spec:
      containers:
      - name: proxy
        image: registry.example.com/proxy:2.1
status:
${status}`) as KubeObject;

  it('reads an absent availableReplicas as 0 (omitempty), low when the pods are ready', () => {
    const noneAvailable = replicaSet(
      '',
      '  replicas: 1\n  fullyLabeledReplicas: 1\n  observedGeneration: 1\n',
    );
    const readyNotAvailable = replicaSet(
      '',
      '  replicas: 1\n  fullyLabeledReplicas: 1\n  readyReplicas: 1\n  observedGeneration: 1\n',
    );
    assert.deepEqual(
      analyze(workloadReplicasUnavailable, [noneAvailable]).map((f) => [f.message, f.severity]),
      [['ReplicaSet "proxy-6f7d8c9b5": 0/1 replicas available', 'high']],
    );
    assert.deepEqual(
      analyze(workloadReplicasUnavailable, [readyNotAvailable]).map((f) => [f.message, f.severity]),
      [
        [
          'ReplicaSet "proxy-6f7d8c9b5": 0/1 replicas available; 1 ready but 0 available although minReadySeconds is 0: the controller counts both at once, so this status is out of date',
          'low',
        ],
      ],
    );
  });

  it('does not fire while ready pods wait out minReadySeconds, nor on a pre-1.22 StatefulSet status', () => {
    const waiting = replicaSet(
      '  minReadySeconds: 30\n',
      '  replicas: 1\n  fullyLabeledReplicas: 1\n  readyReplicas: 1\n  observedGeneration: 1\n',
    );
    const available = replicaSet(
      '',
      '  replicas: 1\n  fullyLabeledReplicas: 1\n  readyReplicas: 1\n  availableReplicas: 1\n  observedGeneration: 1\n',
    );
    // StatefulSet status written before Kubernetes 1.22 has no availableReplicas at all: ready is what it says.
    const oldStatefulSet = parse(`apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: web
  creationTimestamp: "2021-12-17T18:41:35Z"
spec:
  replicas: 1
  serviceName: db
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: postgres
        image: postgres:16
status:
  replicas: 1
  readyReplicas: 1
  currentReplicas: 1
  updatedReplicas: 1
  observedGeneration: 1
`) as KubeObject;
    assert.deepEqual(analyze(workloadReplicasUnavailable, [waiting, available, oldStatefulSet]), []);
  });
});
