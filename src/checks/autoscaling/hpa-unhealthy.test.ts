import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { hpaUnhealthy } from './hpa-unhealthy.ts';

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
