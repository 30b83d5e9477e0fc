// Notifications delivered to a real HTTP receiver on loopback: one grouped message per cluster and channel,
// Slack's limits kept and mrkdwn escaped, a 429 retried exactly once after its Retry-After, a webhook signature
// that an independent HMAC check accepts, nothing resent once delivered, a failed delivery retried next round.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Receiver } from '../../../test/support/receiver.ts';
import type { Severity } from '../../core/severity.ts';
import type { Transition } from './message.ts';
import { type Channel, notifyRound, type SendLog, type SendLogEntry } from './notifier.ts';

/** The send log as rows, the way the database table keeps them (the real table: log.ts, tested in service.test.ts). */
class RowsLog implements SendLog {
  rows: SendLogEntry[] = [];
  async cursor(channel: string) {
    return Math.max(0, ...this.rows.filter((r) => r.channel === channel && r.ok).map((r) => r.lastEventId));
  }
  async failingAnnounced(channel: string) {
    const last = new Map<string, boolean>();
    for (const r of this.rows.filter((x) => x.channel === channel && x.ok && x.cluster))
      last.set(r.cluster, r.failing);
    return new Set([...last].filter(([, f]) => f).map(([c]) => c));
  }
  async record(entry: SendLogEntry) {
    this.rows.push(entry);
  }
}

let nextId = 1;
function transition(
  cluster: string,
  severity: Severity,
  name: string,
  kind: Transition['kind'] = 'opened',
): Transition {
  return {
    id: nextId++,
    cluster,
    kind,
    at: Date.now(),
    severity,
    fingerprint: `fp-${cluster}-${name}`,
    check: 'pod-crash-looping',
    object: { apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name },
    message: `container "app" of "${name}" is crash-looping`,
  };
}

describe('notifications', () => {
  const receiver = new Receiver();
  let events: Transition[] = [];
  const failing = new Map<string, string>();
  before(() => receiver.start());
  after(() => receiver.stop());
  beforeEach(() => {
    receiver.received = [];
    receiver.answers.clear();
    events = [];
    failing.clear();
  });
  const input = (channels: Channel[], log: SendLog) => ({
    channels,
    log,
    transitions: async (afterId: number) => events.filter((e) => e.id > afterId),
    failing: async () => failing,
    dashboardUrl: 'http://shipshape.example/',
    delivery: { retries: 2, timeoutMs: 5000 },
  });

  it('groups per cluster: 60 new findings are one Slack message within the limits, escaped', async () => {
    for (let i = 0; i < 60; i++)
      events.push(transition('prod', i % 3 === 0 ? 'critical' : 'high', `web-${i}`));
    events.push(transition('prod', 'low', 'below-threshold'));
    events.push(transition('prod', 'critical', 'x<!channel>&y'));
    events.push(transition('dev', 'critical', 'api-0'));
    const slack: Channel = { name: 'ops', kind: 'slack', url: `${receiver.url}/slack`, threshold: 'high' };
    const result = await notifyRound(input([slack], new RowsLog()));
    assert.deepEqual(
      result.sent.map((s) => [s.cluster, s.ok]),
      [
        ['dev', true],
        ['prod', true],
      ],
    );
    assert.equal(receiver.received.length, 2);
    const prodMessage = receiver.received.find((r) => JSON.stringify(r.body).includes('web-0'))!;
    const prod = prodMessage.body as {
      text: string;
      blocks: { type: string; text: { text: string } }[];
    };
    assert.match(prod.text, /^shipshape · prod: 61 new findings \(21 critical, 40 high\)$/);
    assert.ok(prod.blocks.length <= 50);
    for (const block of prod.blocks)
      assert.ok(block.text.text.length <= (block.type === 'header' ? 150 : 3000));
    const all = prod.blocks.map((b) => b.text.text).join('\n');
    assert.doesNotMatch(all, /below-threshold/);
    assert.doesNotMatch(all, /<!channel>/);
    assert.match(prodMessage.raw, /x&lt;!channel&gt;&amp;y/);
    assert.match(all, /and 21 more/);
  });

  it('retries a 429 exactly once, after its Retry-After', async () => {
    events.push(transition('prod', 'critical', 'db-0'));
    receiver.answers.set('/slack', [{ status: 429, headers: { 'retry-after': '1' } }]);
    const slack: Channel = { name: 'ops', kind: 'slack', url: `${receiver.url}/slack`, threshold: 'high' };
    const result = await notifyRound(input([slack], new RowsLog()));
    assert.equal(receiver.received.length, 2);
    assert.ok(receiver.received[1]!.at - receiver.received[0]!.at >= 1000, 'waited the Retry-After');
    assert.deepEqual(
      result.sent.map((s) => [s.ok, s.attempts]),
      [[true, 2]],
    );
  });

  it('signs webhooks so an independent HMAC check accepts them; Teams gets an Adaptive Card', async () => {
    events.push(transition('prod', 'high', 'web-1'), transition('prod', 'high', 'web-2', 'resolved'));
    const secret = 'whsec-test-key';
    const channels: Channel[] = [
      {
        name: 'hook',
        kind: 'webhook',
        url: `${receiver.url}/hook`,
        signingSecret: secret,
        threshold: 'high',
      },
      { name: 'teams', kind: 'teams', url: `${receiver.url}/teams`, threshold: 'high' },
    ];
    await notifyRound(input(channels, new RowsLog()));
    const hook = receiver.received.find((r) => r.path === '/hook')!;
    const id = String(hook.headers['webhook-id']);
    const ts = String(hook.headers['webhook-timestamp']);
    const expected = createHmac('sha256', secret).update(`${id}.${ts}.${hook.raw}`).digest('base64');
    assert.equal(hook.headers['webhook-signature'], `v1,${expected}`);
    assert.ok(Math.abs(Date.now() / 1000 - Number(ts)) < 60);
    const body = hook.body as { version: string; alerts: { status: string }[]; groupKey: string };
    assert.equal(body.version, '4');
    assert.deepEqual(
      body.alerts.map((a) => a.status),
      ['firing', 'resolved'],
    );
    const teams = receiver.received.find((r) => r.path === '/teams')!.body as {
      type: string;
      attachments: { contentType: string; content: { type: string; body: { text: string }[] } }[];
    };
    assert.equal(teams.type, 'message');
    assert.equal(teams.attachments[0]!.contentType, 'application/vnd.microsoft.card.adaptive');
    assert.equal(teams.attachments[0]!.content.type, 'AdaptiveCard');
    assert.match(teams.attachments[0]!.content.body[0]!.text, /1 new finding \(1 high\), 1 resolved/);
  });

  it('sends nothing again once delivered; a failed delivery is retried next round; scan failing once', async () => {
    const log = new RowsLog();
    const slack: Channel = { name: 'ops', kind: 'slack', url: `${receiver.url}/slack`, threshold: 'high' };
    events.push(transition('prod', 'critical', 'a'));
    receiver.answers.set('/slack', [{ status: 500 }, { status: 500 }, { status: 500 }]);
    const failed = await notifyRound({
      ...input([slack], log),
      delivery: { retries: 2, sleep: async () => {} },
    });
    assert.deepEqual(
      failed.sent.map((s) => [s.ok, s.attempts]),
      [[false, 3]],
    );
    assert.equal(await log.cursor('ops'), 0, 'the cursor stays');
    await notifyRound(input([slack], log));
    assert.equal(receiver.received.filter((r) => r.at && r.path === '/slack').length, 4);
    receiver.received = [];
    await notifyRound(input([slack], log));
    assert.equal(receiver.received.length, 0, 'nothing new, nothing sent');
    failing.set('prod', 'the API server refused the connection');
    await notifyRound(input([slack], log));
    await notifyRound(input([slack], log));
    assert.equal(receiver.received.length, 1, 'the transition into failing is sent once');
    assert.match(
      JSON.stringify(receiver.received[0]!.body),
      /Scans are failing: the API server refused the connection/,
    );
  });
});
