import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import { schedulerReasons } from '../../k8s/scheduling.ts';
import { event, node, pod } from '../../testing/cluster-builders.ts';
import { podUnschedulable } from './pod-unschedulable.ts';

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
      'pod is Pending and cannot be scheduled: 0/5 nodes are available: 1 node(s) were unschedulable, ' +
        '2 Insufficient cpu, 2 node(s) had untolerated taint(s).',
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
  it('quotes only the filter verdict of a FailedScheduling event when no node is known', () => {
    const findings = analyze(podUnschedulable, [
      pod('big', { cpu: '64', state: { kind: 'pending' } }),
      event(
        { kind: 'Pod', name: 'big', namespace: 'default' },
        'Warning',
        'FailedScheduling',
        '0/5 nodes are available: 5 Insufficient cpu. no new claims to deallocate, preemption: 0/5 nodes are available: 5 No preemption victims found for incoming pod.',
      ),
    ]);
    assert.equal(
      findings[0]?.message,
      'pod is Pending and cannot be scheduled: 0/5 nodes are available: 5 Insufficient cpu.',
    );
    assert.equal(
      schedulerReasons(
        '0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. preemption: x',
      ),
      '0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }.',
    );
  });
  it('explains replicas with one spec once, but never mixes up different specs', () => {
    const gpu = node('gpu', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
    const tolerating = { tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }] };
    const findings = analyze(podUnschedulable, [
      gpu,
      pod('a-1', { cpu: '8', state: { kind: 'pending' } }),
      pod('a-2', { cpu: '8', state: { kind: 'pending' } }),
      pod('b-1', { cpu: '8', ...tolerating, state: { kind: 'pending' } }),
      pod('c-1', { cpu: '1', state: { kind: 'pending' } }),
    ]);
    assert.deepEqual(
      findings
        .map((f) => `${f.object.name}: ${f.message.replace('pod is Pending and cannot be scheduled: ', '')}`)
        .sort(),
      [
        'a-1: 0/1 nodes are available: 1 node(s) had untolerated taint(s).',
        'a-2: 0/1 nodes are available: 1 node(s) had untolerated taint(s).',
        'b-1: 0/1 nodes are available: 1 Insufficient cpu.',
        'c-1: 0/1 nodes are available: 1 node(s) had untolerated taint(s).',
      ],
    );
  });
});
