import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REDACTED } from '../../k8s/redact.ts';
import { toLoaded } from './load-cluster.ts';
import { findResource } from './resources.ts';

describe('toLoaded', () => {
  it('redacts an Event message although list items come without a kind', () => {
    const item = {
      metadata: { name: 'e', namespace: 'a' },
      message: 'exec --password=hunter2-planted failed',
    };
    const { object, ref } = toLoaded(item, findResource('Event')!);
    assert.equal(ref.kind, 'Event');
    assert.equal((object as { message?: string }).message, `exec --password=${REDACTED} failed`);
  });

  it('keeps a message that holds no secret as it is', () => {
    const item = { metadata: { name: 'e', namespace: 'a' }, message: 'Back-off restarting failed container' };
    const { object } = toLoaded(item, findResource('Event')!);
    assert.equal((object as { message?: string }).message, 'Back-off restarting failed container');
  });
});
