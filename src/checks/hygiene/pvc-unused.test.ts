import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import { runChecks } from '../../core/engine.ts';
import { ObjectIndex } from '../../core/index.ts';
import { type KubeObject, refOf } from '../../core/object.ts';
import { pod, T0 } from '../../testing/cluster-builders.ts';
import { pvcUnused } from './pvc-unused.ts';

const pvc = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'data' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  status: { phase: 'Bound' },
});

describe('pvc-unused', () => {
  it('fires on a claim no pod mounts, and not on a mounted one', () => {
    const db = pod('db-0', {
      namespace: 'data',
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'db-data' } }],
    });
    assert.deepEqual(
      analyze(pvcUnused, [pvc('db-data'), pvc('orphan'), db]).map((f) => f.object.name),
      ['orphan'],
    );
  });
  it('is skipped, with a warning, when pods could not be read (never a false "unused")', () => {
    const objects = [pvc('db-data')].map((o) => ({ object: o, ref: refOf(o) }));
    const result = runChecks(
      new ObjectIndex(objects, { partial: false }),
      [{ check: pvcUnused, params: { ...pvcUnused.params }, severity: pvcUnused.severity }],
      {
        now: new Date(T0),
        kindsRead: new Set(['PersistentVolumeClaim']),
      },
    );
    assert.deepEqual(result.findings, []);
    assert.match(result.problems[0]?.message ?? '', /did not run: no Pod objects were read/);
    assert.equal(result.problems[0]?.level, 'warning');
  });
});
