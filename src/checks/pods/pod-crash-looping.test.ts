import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import { event, pod } from '../../testing/cluster-builders.ts';
import { podCrashLooping } from './pod-crash-looping.ts';

describe('pod-crash-looping', () => {
  it('fires with the last termination reason, exit code and memory limit', () => {
    const objects = [
      pod('api-1', {
        namespace: 'shop',
        memoryLimit: '128Mi',
        state: { kind: 'crashloop', reason: 'OOMKilled', exitCode: 137, restarts: 9 },
      }),
      event(
        { kind: 'Pod', name: 'api-1', namespace: 'shop' },
        'Warning',
        'BackOff',
        'Back-off restarting failed container',
        { count: 30 },
      ),
    ];
    const [finding, ...rest] = analyze(podCrashLooping, objects);
    assert.equal(rest.length, 0);
    assert.equal(
      finding?.message,
      'container "app" is crash-looping: last exit OOMKilled (exit code 137), 9 restarts',
    );
    assert.ok(finding?.evidence?.some((e) => e === 'memory limit: 128Mi'));
    assert.ok(finding?.evidence?.some((e) => e.startsWith('event: Warning BackOff (x30 over 10m')));
    assert.match(finding?.cause?.summary ?? '', /runs out of memory \(limit 128Mi\)/);
  });
  it('does not fire on running, restarted-but-recovered, completed or terminating pods', () => {
    const recovered = pod('ok-2', { state: { kind: 'running' } });
    (recovered.status as { containerStatuses: { restartCount: number }[] })
      .containerStatuses[0]!.restartCount = 3;
    const terminating = pod('gone', { state: { kind: 'crashloop' } });
    terminating.metadata.deletionTimestamp = '2026-11-27T23:59:00Z';
    assert.deepEqual(
      analyze(podCrashLooping, [
        pod('ok-1'),
        recovered,
        pod('job-1', { state: { kind: 'succeeded' } }),
        terminating,
      ]),
      [],
    );
  });
});
