// The false-positive traps of peers' analyzers (issue #3, from their issue trackers): a healthy cluster that looks
// odd must produce no finding from any diagnose analyzer, both passes included.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indexOf } from '../../test/support/analyzer-tester.ts';
import { DIAGNOSE_CHECKS } from '../checks/registry.ts';
import type { RunSettings } from '../core/check.ts';
import { emptyConfig } from '../core/config.ts';
import { runChecks, selectChecks } from '../core/engine.ts';
import type { Finding } from '../core/finding.ts';
import type { KubeObject } from '../core/object.ts';
import { endpointSlice, minutesBefore, node, pod, service, T0 } from '../testing/cluster-builders.ts';
import { unexplainedEvents } from './unexplained-events.ts';

function diagnoseAll(objects: KubeObject[], settings: Partial<RunSettings> = {}): Finding[] {
  const index = indexOf(objects);
  const run: RunSettings = { now: new Date(T0), ...settings };
  const selected = selectChecks(DIAGNOSE_CHECKS, emptyConfig(), run);
  const first = runChecks(index, selected, run);
  assert.deepEqual(first.problems, []);
  return [...first.findings, ...unexplainedEvents(index, selected, run, first.findings)];
}

const messages = (findings: Finding[]) => findings.map((f) => `${f.check}: ${f.message}`);

describe('false-positive traps', () => {
  it('node conditions: Ready=True is healthy, problem-detector conditions are healthy when False', () => {
    const n = node('worker-1');
    (n.status as { conditions: unknown[] }).conditions.push(
      { type: 'KernelDeadlock', status: 'False', reason: 'KernelHasNoDeadlock' },
      { type: 'ReadonlyFilesystem', status: 'False', reason: 'FilesystemIsNotReadOnly' },
      { type: 'NetworkUnavailable', status: 'False', reason: 'RouteCreated' },
      { type: 'FrequentContainerdRestart', status: 'False', reason: 'NoFrequentContainerdRestart' },
    );
    assert.deepEqual(messages(diagnoseAll([n])), []);
  });

  it('HPA conditions: ScalingLimited at the minimum and scaling disabled at zero replicas are normal', () => {
    const hpa = (name: string, conditions: unknown[]): KubeObject => ({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name, namespace: 'shop' },
      spec: {
        minReplicas: 2,
        maxReplicas: 10,
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      },
      status: { currentReplicas: 2, desiredReplicas: 2, conditions },
    });
    const target = (name: string, replicas: number): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'shop', creationTimestamp: minutesBefore(T0, 600) },
      spec: { replicas, selector: { matchLabels: { app: name } } },
      status: { replicas, readyReplicas: replicas, availableReplicas: replicas },
    });
    const findings = diagnoseAll([
      target('web', 2),
      hpa('web', [
        { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale' },
        { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound' },
        {
          type: 'ScalingLimited',
          status: 'True',
          reason: 'TooFewReplicas',
          message: 'the desired replica count is less than the minimum replica count',
        },
      ]),
      target('paused', 0),
      hpa('paused', [
        { type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale' },
        {
          type: 'ScalingActive',
          status: 'False',
          reason: 'ScalingDisabled',
          message: 'scaling is disabled since the replica count of the target is zero',
        },
      ]),
    ]);
    assert.deepEqual(messages(findings), []);
  });

  it('Services: endpoints read from EndpointSlices (no v1 Endpoints), headless, ExternalName and hand-managed', () => {
    const headless = service('db', 'shop', { app: 'db' });
    (headless.spec as Record<string, unknown>).clusterIP = 'None';
    const external: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'billing', namespace: 'shop' },
      spec: { type: 'ExternalName', externalName: 'billing.example.com' },
    };
    const manual: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'legacy', namespace: 'shop' },
      spec: { ports: [{ port: 5432 }] },
    };
    const findings = diagnoseAll([
      pod('web-1', { namespace: 'shop', labels: { app: 'web' } }),
      pod('db-0', { namespace: 'shop', labels: { app: 'db' } }),
      service('web', 'shop', { app: 'web' }),
      endpointSlice('web', 'shop', [{ name: 'web-1', ready: true }]),
      headless,
      endpointSlice('db', 'shop', [{ name: 'db-0', ready: true }]),
      external,
      manual,
    ]);
    assert.deepEqual(messages(findings), []);
  });

  it('pods of completed Jobs, succeeded or failed attempts of a Job that went on to succeed', () => {
    const done = pod('migrate-abc', {
      namespace: 'batch',
      owner: { kind: 'Job', name: 'migrate' },
      state: { kind: 'succeeded' },
    });
    const failedAttempt = pod('migrate-xyz', { namespace: 'batch', owner: { kind: 'Job', name: 'migrate' } });
    const status = failedAttempt.status as Record<string, unknown>;
    status.phase = 'Failed';
    status.containerStatuses = [
      { name: 'app', ready: false, restartCount: 0, state: { terminated: { reason: 'Error', exitCode: 1 } } },
    ];
    const job: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate', namespace: 'batch', creationTimestamp: minutesBefore(T0, 60) },
      spec: { backoffLimit: 3, completions: 1 },
      status: {
        succeeded: 1,
        failed: 1,
        conditions: [{ type: 'Complete', status: 'True' }],
        completionTime: minutesBefore(T0, 50),
      },
    };
    assert.deepEqual(messages(diagnoseAll([job, done, failedAttempt])), []);
  });

  it('DaemonSet pods absent from tainted nodes the DaemonSet does not tolerate', () => {
    const ds: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'log-agent', namespace: 'ops', creationTimestamp: minutesBefore(T0, 600) },
      spec: {
        selector: { matchLabels: { app: 'log-agent' } },
        template: {
          metadata: { labels: { app: 'log-agent' } },
          spec: { containers: [{ name: 'a', image: 'a:1' }] },
        },
      },
      // The controller counts only nodes the pod tolerates: 2 of the 3 nodes.
      status: {
        desiredNumberScheduled: 2,
        currentNumberScheduled: 2,
        numberReady: 2,
        numberAvailable: 2,
        numberMisscheduled: 0,
      },
    };
    const findings = diagnoseAll([
      ds,
      node('a'),
      node('b'),
      node('gpu', { taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }] }),
      pod('log-agent-a', {
        namespace: 'ops',
        nodeName: 'a',
        owner: { kind: 'DaemonSet', name: 'log-agent' },
      }),
      pod('log-agent-b', {
        namespace: 'ops',
        nodeName: 'b',
        owner: { kind: 'DaemonSet', name: 'log-agent' },
      }),
    ]);
    assert.deepEqual(messages(findings), []);
  });
});
