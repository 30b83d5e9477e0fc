import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formatCpu,
  formatDuration,
  formatMemory,
  humanCpu,
  parseDuration,
  quantile,
  roundUp,
} from './stats.ts';

describe('rightsize statistics', () => {
  it('quantile is the nearest rank: an observed value, sorted[ceil(q·n) − 1]', () => {
    assert.equal(quantile([], 0.95), undefined);
    assert.equal(quantile([5], 0.95), 5);
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 1..100, unsorted
    assert.equal(quantile(values, 0.95), 95);
    assert.equal(quantile(values, 0.951), 96);
    assert.equal(quantile(values, 1), 100);
    assert.equal(quantile(values, 0), 1);
    assert.equal(quantile([0.1, 0.1, 0.4, 0.8], 0.5), 0.1);
  });

  it('roundUp goes to the next unit but forgives float noise below a millionth of it', () => {
    assert.equal(roundUp(0.44000000001, 0.005), 0.44);
    assert.equal(roundUp(0.4401, 0.005), 0.445);
    assert.equal(roundUp(0.022, 0.005), 0.025);
    assert.equal(roundUp(0, 0.005), 0);
  });

  it('formats quantities as Kubernetes writes them', () => {
    assert.equal(formatCpu(0.44), '440m');
    assert.equal(formatCpu(2), '2');
    assert.equal(formatCpu(1.5), '1500m');
    assert.equal(formatMemory(598 * 2 ** 20), '598Mi');
    assert.equal(formatMemory(2 * 2 ** 30), '2Gi');
    assert.equal(formatMemory(1.5 * 2 ** 20), '2Mi');
    assert.equal(humanCpu(1), '1 core');
    assert.equal(humanCpu(2), '2 cores');
    assert.equal(humanCpu(0.0001), '1m');
  });

  it('parses and prints durations', () => {
    assert.equal(parseDuration('14d'), 14 * 86400);
    assert.equal(parseDuration('1h30m'), 5400);
    assert.equal(parseDuration('2w'), 14 * 86400);
    assert.equal(parseDuration('300'), 300);
    assert.equal(parseDuration('fortnight'), undefined);
    assert.equal(parseDuration('0d'), undefined);
    assert.equal(parseDuration('5m3'), undefined);
    assert.equal(formatDuration(14 * 86400), '14d');
    assert.equal(formatDuration(5400), '1h30m');
  });
});
