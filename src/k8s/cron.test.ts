import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCronSchedule } from './cron.ts';

describe('parseCronSchedule', () => {
  const valid = [
    '* * * * *',
    '0 3 * * *',
    '*/5 * * * *',
    '0 0 1 1 *',
    '0 9-17 * * 1-5',
    '0 9-17/2 * * MON-FRI',
    '15,45 * * jan,Jul sun',
    '5/15 * * * *',
    '0 0 ? * ?',
    '59 23 31 12 6',
    '0 0 29 2 *',
    ' 0 3 * * * ',
    '0 0 31 2 1',
    '@hourly',
    '@daily',
    '@midnight',
    '@weekly',
    '@monthly',
    '@yearly',
    '@annually',
    '@every 1h30m',
    '@every 90s',
  ];
  for (const schedule of valid) {
    it(`accepts ${JSON.stringify(schedule)}`, () => {
      const result = parseCronSchedule(schedule);
      assert.equal(result.valid, true, JSON.stringify(result));
      assert.equal((result as { neverRuns?: string }).neverRuns, undefined);
    });
  }
  const invalid: [unknown, RegExp][] = [
    ['', /empty/],
    ['   ', /empty/],
    [42, /not a string/],
    ['* * * *', /exactly 5 fields.*found 4/],
    ['0 * * * * *', /found 6/],
    ['60 * * * *', /minute "60": 60 is above the maximum 59/],
    ['* 24 * * *', /hour "24"/],
    ['* * 0 * *', /day of month "0": 0 is below the minimum 1/],
    ['* * 32 * *', /day of month/],
    ['* * * 13 *', /month "13"/],
    ['* * * * 7', /day of week "7": 7 is above the maximum 6/],
    ['5-1 * * * *', /range starts after it ends/],
    ['*/0 * * * *', /step must be a positive number/],
    ['*/x * * * *', /step "x" is not a number/],
    ['1/2/3 * * * *', /too many slashes/],
    ['1-2-3 * * * *', /too many hyphens/],
    ['1,,2 * * * *', /empty value/],
    ['a * * * *', /"a" is not a number$/],
    ['* * * foo *', /"foo" is not a number or a name/],
    ['* * * * monday', /"monday"/],
    ['-1 * * * *', /empty value/],
    ['@reboot', /unknown descriptor "@reboot"/],
    ['@every 5 minutes', /not a duration/],
    ['CRON_TZ=Europe/Paris 0 3 * * *', /since Kubernetes 1.29; set spec.timeZone/],
    ['TZ=UTC @daily', /TZ and CRON_TZ/],
  ];
  for (const [schedule, reason] of invalid) {
    it(`rejects ${JSON.stringify(schedule)}`, () => {
      const result = parseCronSchedule(schedule);
      assert.equal(result.valid, false);
      assert.match((result as { reason: string }).reason, reason);
    });
  }
  it('flags dates that never occur', () => {
    const result = parseCronSchedule('0 0 30 2 *');
    assert.equal(result.valid, true);
    assert.match((result as { neverRuns?: string }).neverRuns ?? '', /day 30/);
    assert.match(
      (parseCronSchedule('0 0 31 4,6,9,11 *') as { neverRuns?: string }).neverRuns ?? '',
      /day 31/,
    );
  });
});
