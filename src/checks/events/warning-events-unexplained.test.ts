import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indexOf } from '../../../test/support/analyzer-tester.ts';
import type { RunSettings } from '../../core/check.ts';
import { emptyConfig } from '../../core/config.ts';
import { runChecks, selectChecks } from '../../core/engine.ts';
import type { KubeObject } from '../../core/object.ts';
import { unexplainedEvents } from '../../diagnose/unexplained-events.ts';
import { deployment, event, node, pod, replicaSetName, T0 } from '../../testing/cluster-builders.ts';
import { DIAGNOSE_CHECKS } from '../registry.ts';
import { warningEventsUnexplained } from './warning-events-unexplained.ts';

/** Both passes, as diagnose runs them. */
function diagnose(objects: KubeObject[], settings: Partial<RunSettings> = {}) {
  const index = indexOf(objects);
  const run: RunSettings = { now: new Date(T0), ...settings };
  const selected = selectChecks(DIAGNOSE_CHECKS, emptyConfig(), run);
  const first = runChecks(index, selected, run);
  assert.deepEqual(first.problems, []);
  return { first: first.findings, second: unexplainedEvents(index, selected, run, first.findings) };
}

describe('warning-events-unexplained', () => {
  it('groups recent unexplained Warning events by reason and kind, after the other analyzers', () => {
    const { first, second } = diagnose([
      node('node-1'),
      pod('web-1', { namespace: 'web' }),
      pod('web-2', { namespace: 'web' }),
      event(
        { kind: 'Pod', name: 'web-1', namespace: 'web' },
        'Warning',
        'FailedCreatePodSandBox',
        'failed to setup network for sandbox: plugin type="calico" failed',
        { count: 4, lastMinutesAgo: 5 },
      ),
      event(
        { kind: 'Pod', name: 'web-2', namespace: 'web' },
        'Warning',
        'FailedCreatePodSandBox',
        'failed to setup network for sandbox: dial tcp 10.96.0.1:443: i/o timeout',
        { count: 2, lastMinutesAgo: 2 },
      ),
    ]);
    assert.deepEqual(
      first.filter((f) => f.check === 'warning-events-unexplained'),
      [],
      'nothing in the first pass',
    );
    assert.equal(second.length, 1);
    assert.equal(
      second[0]?.message,
      '6 Warning FailedCreatePodSandBox events on 2 Pods not explained by any other finding; latest: failed to setup network for sandbox: dial tcp 10.96.0.1:443: i/o timeout',
    );
    assert.equal(second[0]?.object.name, 'web-2');
    assert.equal(second[0]?.severity, 'low');
  });
  it('stays silent for events explained by a finding on the object or its controllers', () => {
    const { second } = diagnose([
      ...deployment('cart', { namespace: 'shop', replicas: 2, available: 0 }),
      pod('cart-a', {
        namespace: 'shop',
        owner: { kind: 'ReplicaSet', name: replicaSetName('cart') },
        state: { kind: 'crashloop' },
      }),
      event(
        { kind: 'Pod', name: 'cart-a', namespace: 'shop' },
        'Warning',
        'BackOff',
        'Back-off restarting failed container',
      ),
      event(
        { kind: 'ReplicaSet', name: replicaSetName('cart'), namespace: 'shop' },
        'Warning',
        'FailedCreate',
        'exceeded quota',
      ),
    ]);
    assert.deepEqual(second, []);
  });
  it('skips old events, Normal events, and events about objects that no longer exist', () => {
    const { second } = diagnose([
      pod('web-1', { namespace: 'web' }),
      event(
        { kind: 'Pod', name: 'web-1', namespace: 'web' },
        'Warning',
        'Unhealthy',
        'Readiness probe failed',
        { firstMinutesAgo: 200, lastMinutesAgo: 120 },
      ),
      event({ kind: 'Pod', name: 'web-1', namespace: 'web' }, 'Normal', 'Pulled', 'Container image pulled'),
      event(
        { kind: 'Pod', name: 'gone-1', namespace: 'web' },
        'Warning',
        'FailedMount',
        'MountVolume.SetUp failed',
      ),
    ]);
    assert.deepEqual(second, []);
  });
  it('yields nothing when run alone (no first pass to compare with)', () => {
    const objects = [
      pod('web-1', { namespace: 'web' }),
      event({ kind: 'Pod', name: 'web-1', namespace: 'web' }, 'Warning', 'Odd', 'odd'),
    ];
    const result = runChecks(
      indexOf(objects),
      [{ check: warningEventsUnexplained, params: { windowMinutes: 60 }, severity: 'low' }],
      { now: new Date(T0) },
    );
    assert.deepEqual(result.findings, []);
  });
});
