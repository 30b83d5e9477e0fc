import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cronMaxGapMs } from './cron-period.ts';

const H = 3_600_000;

describe('cronMaxGapMs', () => {
  it('gives the longest gap between runs', () => {
    assert.equal(cronMaxGapMs('0 2 * * *'), 24 * H);
    assert.equal(cronMaxGapMs('*/15 * * * *'), H / 4);
    assert.equal(cronMaxGapMs('0 */6 * * *'), 6 * H);
    assert.equal(cronMaxGapMs('0 1 * * 1-5'), 72 * H, 'Friday to Monday');
    assert.equal(cronMaxGapMs('0 0 1 * *'), 31 * 24 * H);
    assert.equal(cronMaxGapMs('@weekly'), 7 * 24 * H);
    assert.equal(cronMaxGapMs('@every 1h30m'), 1.5 * H);
    assert.equal(cronMaxGapMs('CRON_TZ=Europe/Paris 0 3 * * *'), 24 * H);
  });
  it('returns undefined for what it cannot read', () => {
    for (const bad of ['', 'daily', '61 * * * *', '* * *', '@every soon', 42, null, '0 0 30 2 *'])
      assert.equal(cronMaxGapMs(bad), undefined, String(bad));
  });
});
