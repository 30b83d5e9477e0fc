import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import { node } from '../../testing/cluster-builders.ts';
import { nodeCordoned } from './node-cordoned.ts';

describe('node-cordoned', () => {
  it('fires on spec.unschedulable and not otherwise', () => {
    assert.deepEqual(
      analyze(nodeCordoned, [node('a', { unschedulable: true }), node('b')]).map((f) => f.object.name),
      ['a'],
    );
  });
});
