// Notifications on the history's real transitions, with the send log in the same database (SQLite file and a
// real PostgreSQL server): a scan that opens findings is one message per cluster; a restarted notifier (store
// closed and opened again) sends nothing twice; a scan that resolves one is one resolved message; a failing scan
// is announced once.
import assert from 'node:assert/strict';
import { after, before, beforeEach, it } from 'node:test';
import { forEachEngine } from '../../../test/support/engines.ts';
import { HOUR, meta, observation, type ScanSpec, T0 } from '../../../test/support/history-fixtures.ts';
import { Receiver } from '../../../test/support/receiver.ts';
import { HistoryStore } from '../../store/store.ts';
import { parseNotifyConfig, startNotifier } from './service.ts';

const FIRST: ScanSpec = {
  at: T0,
  objects: ['Pod/shop/web', 'Pod/shop/db', 'Pod/pay/api'],
  findings: [
    { check: 'c-crash', object: 'Pod/shop/web', severity: 'critical' },
    { check: 'c-limits', object: 'Pod/shop/db', severity: 'high' },
    { check: 'c-limits', object: 'Pod/pay/api', severity: 'low' },
  ],
};
const SECOND: ScanSpec = {
  at: T0 + HOUR,
  objects: FIRST.objects,
  findings: [
    { check: 'c-crash', object: 'Pod/shop/web', severity: 'critical' },
    { check: 'c-limits', object: 'Pod/pay/api', severity: 'low' },
  ],
};

const receiver = new Receiver();
before(() => receiver.start());
after(() => receiver.stop());
beforeEach(() => {
  receiver.received = [];
});

forEachEngine('notifications from the history', (ctx) => {
  it('announces transitions once, survives a restart without resending, announces a failing scan once', async () => {
    const location = await ctx.location();
    const config = parseNotifyConfig(
      { interval: '1m', channels: [{ name: 'ops', kind: 'slack', urlEnv: 'OPS_URL', threshold: 'high' }] },
      { OPS_URL: `${receiver.url}/slack` },
    );
    let store = await HistoryStore.open(location);
    await store.recordScan(meta('prod', FIRST), observation(FIRST));
    await store.recordScan(meta('dev', FIRST), observation(FIRST));
    let notifier = await startNotifier(store, config, { loop: false });
    const first = await notifier.round();
    assert.deepEqual(
      first.sent.map((s) => [s.cluster, s.ok]),
      [
        ['dev', true],
        ['prod', true],
      ],
    );
    const prod = receiver.received.find((r) => JSON.stringify(r.body).includes('prod'))!;
    assert.match(String(prod.body.text), /prod: 2 new findings \(1 critical, 1 high\)$/);
    assert.doesNotMatch(prod.raw, /pay\/api/, 'below the threshold');
    assert.equal(await notifier.round().then((r) => r.sent.length), 0, 'nothing new, nothing sent');
    await notifier.close();
    await store.close();

    // A restart: a new store connection and a new notifier read the send log from the database.
    store = await HistoryStore.open(location);
    notifier = await startNotifier(store, config, { loop: false });
    receiver.received = [];
    assert.equal((await notifier.round()).sent.length, 0, 'no resend after a restart');
    await store.recordScan(meta('prod', SECOND), observation(SECOND));
    const resolved = await notifier.round();
    assert.deepEqual(
      resolved.sent.map((s) => s.cluster),
      ['prod'],
    );
    assert.match(String(receiver.received[0]!.body.text), /prod: 1 resolved$/);

    receiver.received = [];
    await store.recordFailedScan(meta('dev', { ...FIRST, at: T0 + 2 * HOUR }), 'connection refused');
    await notifier.round();
    await notifier.round();
    assert.equal(receiver.received.length, 1, 'the failing scan is announced once');
    assert.match(receiver.received[0]!.raw, /connection refused/);
    const log = await notifier.log.entries();
    assert.ok(log.some((e) => e.cluster === 'dev' && e.failing && e.ok));
    await notifier.close();
    await store.close();
  });
});

it('reads endpoints only from files or the environment, never from the config text', () => {
  assert.throws(
    () => parseNotifyConfig({ channels: [{ name: 'a', kind: 'slack', url: 'https://hooks.slack.com/x' }] }),
    /the endpoint is a secret; give urlFile or urlEnv/,
  );
  assert.throws(
    () => parseNotifyConfig({ channels: [{ name: 'a', kind: 'slack', urlEnv: 'NOPE_UNSET' }] }, {}),
    /NOPE_UNSET is not set/,
  );
  assert.throws(() => parseNotifyConfig({ interval: '1s' }), /at least 10s/);
  assert.throws(
    () => parseNotifyConfig({ channels: [{ name: 'a', kind: 'pager', urlEnv: 'X' }] }, { X: 'http://x' }),
    /kind: one of slack, teams, webhook/,
  );
});
