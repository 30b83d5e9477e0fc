import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { minutesBefore, pod, T0 } from '../../testing/cluster-builders.ts';
import { podOomKilled } from './pod-oom-killed.ts';

/** A running container whose previous instance ended OOMKilled `minutesAgo` minutes ago. */
function recoveredFromOom(name: string, minutesAgo: number, memoryLimit?: string): KubeObject {
  const p = pod(name, { namespace: 'batch', ...(memoryLimit ? { memoryLimit } : {}) });
  const status = (p.status as { containerStatuses: Record<string, unknown>[] }).containerStatuses[0]!;
  status.restartCount = 1;
  status.lastState = {
    terminated: { reason: 'OOMKilled', exitCode: 137, finishedAt: minutesBefore(T0, minutesAgo) },
  };
  return p;
}

describe('pod-oom-killed', () => {
  it('fires on a recent OOM kill with the memory limit', () => {
    const findings = analyze(podOomKilled, [recoveredFromOom('worker', 5, '256Mi')]);
    assert.equal(findings.length, 1);
    assert.equal(
      findings[0]?.message,
      'container "app" was OOMKilled (exit code 137) with a 256Mi memory limit',
    );
    assert.match(findings[0]?.cause?.summary ?? '', /runs out of memory \(limit 256Mi\)/);
  });
  it('fires on a container terminated OOMKilled right now, without a limit', () => {
    const p = pod('job-x', { namespace: 'batch' });
    const status = (p.status as { containerStatuses: Record<string, unknown>[] }).containerStatuses[0]!;
    status.state = { terminated: { reason: 'OOMKilled', exitCode: 137 } };
    const findings = analyze(podOomKilled, [p]);
    assert.equal(
      findings[0]?.message,
      'container "app" was OOMKilled (exit code 137) without a memory limit',
    );
  });
  it('does not fire on old OOM kills, crash loops (pod-crash-looping owns them) or other exits', () => {
    const findings = analyze(podOomKilled, [
      recoveredFromOom('old', 180, '256Mi'),
      pod('loop', { state: { kind: 'crashloop', reason: 'OOMKilled', exitCode: 137 } }),
      pod('err', { state: { kind: 'crashloop', reason: 'Error', exitCode: 1 } }),
      pod('fine'),
    ]);
    assert.deepEqual(findings, []);
  });
});
