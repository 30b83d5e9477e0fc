import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { deployment } from '../../testing/cluster-builders.ts';
import { hpaTargetNotFound } from './hpa-target-not-found.ts';

const hpa = (name: string, target: unknown): KubeObject => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name, namespace: 'shop' },
  spec: { minReplicas: 2, maxReplicas: 5, scaleTargetRef: target },
});

describe('hpa-target-not-found', () => {
  it('fires when the target workload does not exist', () => {
    const findings = analyze(hpaTargetNotFound, [
      ...deployment('web', { namespace: 'shop' }),
      hpa('api', { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }),
    ]);
    assert.deepEqual(
      findings.map((f) => f.message),
      ['HorizontalPodAutoscaler "api" targets Deployment "api", which does not exist'],
    );
  });
  it('does not fire on existing targets, unread kinds (custom resources), or malformed refs', () => {
    assert.deepEqual(
      analyze(hpaTargetNotFound, [
        ...deployment('web', { namespace: 'shop' }),
        hpa('web', { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }),
        hpa('bad', 'nope'),
        hpa('empty', { kind: '', name: '' }),
      ]),
      [],
    );
    assert.deepEqual(
      analyze(
        hpaTargetNotFound,
        [hpa('rollout', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'web' })],
        {
          kindsRead: new Set(['HorizontalPodAutoscaler', 'Deployment']),
        },
      ),
      [],
    );
  });
});
