import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { pdbNoDisruptionsAllowed } from './pdb-no-disruptions-allowed.ts';

const _hpa = (conditions: unknown[]): KubeObject => ({
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
