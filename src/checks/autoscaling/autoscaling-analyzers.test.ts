import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { hpaUnhealthy } from './hpa-unhealthy.ts';
import { pdbNoDisruptionsAllowed } from './pdb-no-disruptions-allowed.ts';

const hpa = (conditions: unknown[]): KubeObject => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    minReplicas: 2,
    maxReplicas: 10,
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
  },
  status: { currentReplicas: 2, desiredReplicas: 2, conditions },
});

describe('hpa-unhealthy', () => {
  it('fires when metrics are unavailable', () => {
    const findings = analyze(hpaUnhealthy, [
      hpa([
        {
          type: 'ScalingActive',
          status: 'False',
          reason: 'FailedGetResourceMetric',
          message: 'unable to get metrics for resource cpu',
        },
      ]),
    ]);
    assert.equal(
      findings[0]?.message,
      'HorizontalPodAutoscaler "web" cannot compute a replica count (FailedGetResourceMetric): unable to get metrics for resource cpu',
    );
  });
  it('fires (low) when pinned at max', () => {
    const findings = analyze(hpaUnhealthy, [
      hpa([{ type: 'ScalingLimited', status: 'True', reason: 'TooManyReplicas' }]),
    ]);
    assert.equal(findings[0]?.severity, 'low');
  });
  it('does not fire on healthy conditions or ScalingLimited at the minimum', () => {
    const healthy = hpa([
      { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale' },
      { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound' },
      { type: 'ScalingLimited', status: 'True', reason: 'TooFewReplicas' },
    ]);
    assert.deepEqual(analyze(hpaUnhealthy, [healthy]), []);
  });
});

describe('pdb-no-disruptions-allowed', () => {
  const pdb = (status: Record<string, number>): KubeObject => ({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
    status,
  });
  it('fires when no disruption is allowed for existing pods', () => {
    assert.equal(
      analyze(pdbNoDisruptionsAllowed, [
        pdb({ disruptionsAllowed: 0, expectedPods: 1, currentHealthy: 1, desiredHealthy: 1 }),
      ]).length,
      1,
    );
  });
  it('does not fire when disruptions are allowed or the budget covers no pod', () => {
    assert.deepEqual(
      analyze(pdbNoDisruptionsAllowed, [
        pdb({ disruptionsAllowed: 1, expectedPods: 3 }),
        pdb({ disruptionsAllowed: 0, expectedPods: 0 }),
      ]),
      [],
    );
  });
});
