import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Coverage } from '../../store/coverage.ts';
import type { ClusterSummary, ScanView } from '../../store/read.ts';
import type { ClusterStatus } from '../contract.ts';
import { assess, coverageGaps, isPartial } from './freshness.ts';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-01T12:00:00Z');
const complete: Coverage = {
  namespaces: 'all',
  kindsRead: ['Pod'],
  kindsMissing: [],
  namespacesForbidden: [],
  checksRan: ['x'],
};

function scan(at: number, status: ScanView['status'] = 'completed', coverage = complete): ScanView {
  return {
    id: 1,
    cluster: 'prod',
    status,
    startedAt: at - 60_000,
    finishedAt: at,
    durationMs: 60_000,
    error: status === 'failed' ? 'connection refused' : null,
    instance: 'i',
    toolVersion: 'v',
    coverage,
    objects: 1,
    findings: 0,
    opened: 0,
    reopened: 0,
    resolved: 0,
    gone: 0,
    problems: [],
  };
}
function summary(lastScan: ScanView | null, lastCompleted: ScanView | null): ClusterSummary {
  return {
    cluster: 'prod',
    lastScan,
    lastCompleted,
    open: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    suppressed: 0,
  };
}
const status: ClusterStatus = {
  cluster: 'prod',
  runningSince: null,
  nextScanAt: null,
  intervalMs: HOUR,
  lastError: null,
  pendingWrite: false,
};

describe('freshness', () => {
  it('is ok only for a recent, complete, successful scan of a scheduled cluster', () => {
    const recent = scan(NOW - HOUR);
    assert.deepEqual(assess(summary(recent, recent), status, NOW), {
      level: 'ok',
      notes: [],
      stale: false,
      failing: false,
      partial: false,
    });
  });

  it('is stale past two intervals, not at two', () => {
    const atTwo = scan(NOW - 2 * HOUR);
    assert.equal(assess(summary(atTwo, atTwo), status, NOW).level, 'ok');
    const old = scan(NOW - 2 * HOUR - 1000);
    const f = assess(summary(old, old), status, NOW);
    assert.equal(f.level, 'bad');
    assert.equal(f.stale, true);
    assert.match(
      f.notes[0]!.text,
      /^stale: the last completed scan finished 2 h ago, more than 2 scan intervals \(60 min each\)/,
    );
  });

  it('says when the last scan failed, a scan is partial, nothing completed, or freshness is unknown', () => {
    const ok = scan(NOW - HOUR);
    const failed = assess(summary(scan(NOW - 60_000, 'failed'), ok), status, NOW);
    assert.equal(failed.level, 'bad');
    assert.match(failed.notes[0]!.text, /the last scan failed \(60 s ago\): connection refused/);
    const partialCoverage = { ...complete, kindsMissing: [{ kind: 'Secret', reason: 'forbidden' }] };
    assert.equal(isPartial(partialCoverage), true);
    const partial = assess(summary(ok, scan(NOW - HOUR, 'completed', partialCoverage)), status, NOW);
    assert.equal(partial.level, 'warn');
    assert.deepEqual(partial.notes, [{ level: 'warn', text: 'partial: not read: Secret (forbidden)' }]);
    assert.equal(assess(summary(null, null), status, NOW).level, 'bad');
    assert.equal(assess(summary(ok, ok), undefined, NOW).level, 'warn');
  });

  it('counts a scan limited to some namespaces as partial', () => {
    const scoped = { ...complete, namespaces: ['shop'] };
    assert.equal(isPartial(scoped), true);
    assert.deepEqual(coverageGaps(scoped), ['only namespaces shop in scope']);
    assert.equal(isPartial(complete), false);
  });
});
