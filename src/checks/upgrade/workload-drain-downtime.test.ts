import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import { deployment, pod, replicaSetName } from '../../testing/cluster-builders.ts';
import { workloadDrainDowntime } from './workload-drain-downtime.ts';

describe('workload-drain-downtime', () => {
  it('fires on single-replica Deployments and bare pods', () => {
    const findings = analyze(workloadDrainDowntime, [...deployment('one', { replicas: 1 }), pod('bare')], {
      kubeVersion: '1.34',
    });
    assert.deepEqual(findings.map((f) => `${f.object.kind}/${f.object.name}`).sort(), [
      'Deployment/one',
      'Pod/bare',
    ]);
  });
  it('does not fire on replicated workloads, controlled or finished pods, or without a target', () => {
    const objects = [
      ...deployment('three', { replicas: 3 }),
      pod('owned', { owner: { kind: 'ReplicaSet', name: replicaSetName('three') } }),
      pod('done', { state: { kind: 'succeeded' } }),
    ];
    assert.deepEqual(analyze(workloadDrainDowntime, objects, { kubeVersion: '1.34' }), []);
    assert.deepEqual(analyze(workloadDrainDowntime, [pod('bare')]), []);
  });
});
