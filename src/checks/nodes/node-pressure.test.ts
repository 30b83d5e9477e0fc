import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import { node } from '../../testing/cluster-builders.ts';
import { nodePressure } from './node-pressure.ts';

describe('node-pressure', () => {
  it('fires on DiskPressure=True', () => {
    const n = node('a');
    const conditions = (n.status as { conditions: { type: string; status: string; message?: string }[] })
      .conditions;
    conditions[1]!.status = 'True';
    conditions[1]!.message = 'kubelet has disk pressure';
    assert.deepEqual(
      analyze(nodePressure, [n]).map((f) => f.message),
      ['node "a" has DiskPressure: kubelet has disk pressure'],
    );
  });
  it('does not fire on healthy False conditions, or on stale conditions of an Unknown node', () => {
    const down = node('b', { ready: 'Unknown' });
    (down.status as { conditions: { status: string }[] }).conditions[0]!.status = 'True';
    assert.deepEqual(analyze(nodePressure, [node('a'), down]), []);
  });
});
