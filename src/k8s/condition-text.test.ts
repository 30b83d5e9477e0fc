import assert from 'node:assert/strict';
import { it } from 'node:test';
import { conditionText } from './condition-text.ts';

it('names type, status, reason and message', () => {
  assert.equal(
    conditionText('Ready', 'False', 'KubeletNotReady', 'runtime down'),
    'condition Ready=False (KubeletNotReady): runtime down',
  );
});

it('leaves out an empty reason or message instead of printing "(): "', () => {
  assert.equal(
    conditionText('PodScheduled', 'False', 'Unschedulable', ''),
    'condition PodScheduled=False (Unschedulable)',
  );
  assert.equal(conditionText('Failed', 'True', undefined, 'backoff'), 'condition Failed=True: backoff');
  assert.equal(conditionText('Ready', 'Unknown', ' ', null), 'condition Ready=Unknown');
});

it('puts a detail between the reason and the message', () => {
  assert.equal(
    conditionText('Ready', 'False', 'ContainersNotReady', 'app not ready', ' for 2h'),
    'condition Ready=False (ContainersNotReady) for 2h: app not ready',
  );
});
