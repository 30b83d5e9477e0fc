// The lifecycle over a sequence of scans, on SQLite and on a real PostgreSQL server: partial coverage (a forbidden
// namespace, a check that did not run, a kind not read, a narrower scope), a deleted object, suppressions by
// annotation and by a user (with expiry), a reopen, a severity change, a stale and a failed scan. Every expected
// state and event below is worked out by hand from the rules in lifecycle.ts.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachEngine } from '../../test/support/engines.ts';
import { DAY, HOUR, meta, observation, type ScanSpec, T0 } from '../../test/support/history-fixtures.ts';
import { A, B, C, D, E, fp, history } from '../../test/support/lifecycle-sequence.ts';
import type { ScanFacts } from './lifecycle.ts';
import { StaleScanError } from './record.ts';

function timeline(
  events: {
    kind: string;
    at: number;
    from: string | null;
    to: string;
    reason: string | null;
    severity: string;
  }[],
) {
  return events.map((e) => [e.kind, (e.at - T0) / HOUR, e.from, e.to, e.reason, e.severity]);
}

forEachEngine('findings history', (engine) => {
  it('applies the lifecycle rules over a sequence of scans', async () => {
    const store = await engine.open();
    try {
      const ids = await history(store);
      const get = async (spec: Parameters<typeof fp>[0]) => (await store.finding('prod', fp(spec)))!;

      const a = await get(A);
      assert.equal(a.state, 'resolved');
      assert.equal(a.episodes, 2);
      assert.equal(a.openedAt, T0 + 2 * DAY);
      assert.deepEqual(timeline(a.events), [
        ['opened', 0, null, 'open', null, 'high'],
        ['resolved', 24, 'open', 'resolved', 'object unchanged', 'high'],
        ['reopened', 48, 'resolved', 'open', null, 'high'],
        ['resolved', 72, 'open', 'resolved', null, 'high'],
      ]);
      assert.deepEqual(
        a.events.map((e) => (e.openedAt - T0) / HOUR),
        [0, 0, 48, 48],
      );

      const b = await get(B);
      assert.equal(b.state, 'gone', 'a deleted object is gone, not fixed');
      assert.deepEqual(timeline(b.events), [
        ['opened', 0, null, 'open', null, 'high'],
        ['gone', 24, 'open', 'gone', null, 'high'],
      ]);

      const c = await get(C);
      assert.equal(c.state, 'open', 'no scan that covered team-b and its pods saw C pass');
      assert.equal(c.lastVerifiedAt, T0 + 2 * DAY, 'scans that could not look do not verify');
      assert.equal(c.lastSeenAt, T0 + 2 * DAY);
      assert.equal(c.path, 'spec.containers[0].resources');
      assert.deepEqual(timeline(c.events), [['opened', 0, null, 'open', null, 'medium']]);

      const d = await get(D);
      assert.equal(d.state, 'open');
      assert.equal(d.suppression, null);
      assert.deepEqual(timeline(d.events), [
        ['opened', 0, null, 'suppressed', 'accepted: batch job', 'medium'],
        ['unsuppressed', 48, 'suppressed', 'open', null, 'medium'],
        ['suppressed', 84, 'open', 'suppressed', 'ana: migrating next sprint', 'medium'],
        ['unsuppressed', 144, 'suppressed', 'open', null, 'medium'],
      ]);
      assert.equal(d.events[2]!.scanId, null, "a user's suppression is not a scan's doing");

      const e = await get(E);
      assert.equal(e.state, 'gone');
      assert.equal(e.severity, 'medium');
      assert.deepEqual(timeline(e.events), [
        ['opened', 0, null, 'open', null, 'low'],
        ['severity', 24, 'open', 'open', 'low', 'medium'],
        ['gone', 72, 'open', 'gone', null, 'medium'],
      ]);
      assert.equal(e.lastVerifiedAt, T0 + 3 * DAY, 'the scan where c-unused did not run did not verify it');

      const scans = await store.scans({ cluster: 'prod' });
      assert.deepEqual(
        scans.map((s) => [s.id, s.opened, s.reopened, s.resolved, s.gone]),
        [
          [ids[5], 0, 0, 0, 0],
          [ids[4], 0, 0, 0, 0],
          [ids[3], 0, 0, 1, 1],
          [ids[2], 0, 1, 0, 0],
          [ids[1], 0, 0, 1, 1],
          [ids[0], 5, 0, 0, 0],
        ],
      );
      assert.deepEqual(scans[2]!.coverage.namespaces, ['shop']);

      // What changed after the third scan: the fourth scan's two, the user's suppression, the sixth's unsuppression.
      const since = await store.transitions({ cluster: 'prod', afterId: 0, since: T0 + 3 * DAY });
      assert.deepEqual(
        since.map((t) => [t.kind, t.check, t.object.name]),
        [
          ['resolved', 'c-crash', 'a'],
          ['gone', 'c-unused', 'e'],
          ['suppressed', 'c-limits', 'd'],
          ['unsuppressed', 'c-limits', 'd'],
        ],
      );
      const afterScan = await store.transitions({ cluster: 'prod', afterScanId: ids[3] });
      assert.deepEqual(
        afterScan.map((t) => t.kind),
        ['unsuppressed'],
        'events of later scans only (user actions have no scan)',
      );
    } finally {
      await store.close();
    }
  });

  it('refuses a scan older than one already recorded, and records a failed scan without touching findings', async () => {
    const store = await engine.open();
    try {
      await history(store);
      const before = await store.findings({
        cluster: 'prod',
        states: ['open', 'suppressed', 'resolved', 'gone'],
      });
      const stale: ScanSpec = { at: T0 + 5 * DAY, findings: [], objects: [] };
      await assert.rejects(store.recordScan(meta('prod', stale), observation(stale)), StaleScanError);
      const failedAt: ScanSpec = { at: T0 + 7 * DAY, findings: [], objects: [] };
      await store.recordFailedScan(meta('prod', failedAt), 'cannot reach the API server: connection refused');
      const after = await store.findings({
        cluster: 'prod',
        states: ['open', 'suppressed', 'resolved', 'gone'],
      });
      assert.deepEqual(after, before);
      const [summary] = await store.clusters();
      assert.equal(summary!.lastScan!.status, 'failed');
      assert.equal(summary!.lastScan!.error, 'cannot reach the API server: connection refused');
      assert.equal(summary!.lastCompleted!.startedAt, T0 + 6 * DAY);
      assert.deepEqual(summary!.open, { critical: 0, high: 0, medium: 2, low: 0, info: 0 });
      assert.equal(summary!.suppressed, 0);
    } finally {
      await store.close();
    }
  });

  it('keeps clusters apart and answers filtered, sorted, paged finding lists', async () => {
    const store = await engine.open();
    try {
      const scan = (at: number, findings: ScanSpec['findings']): ScanSpec => ({
        at,
        findings,
        objects: findings.map((f) => f.object),
      });
      const many = Array.from({ length: 25 }, (_, i) => ({
        check: i % 2 ? 'c-crash' : 'c-limits',
        object: `Pod/ns-${i % 3}/p-${String(i).padStart(2, '0')}`,
        severity: (['critical', 'high', 'medium', 'low'] as const)[i % 4],
      }));
      await store.recordScan(meta('prod', scan(T0, many)), observation(scan(T0, many)));
      await store.recordScan(
        meta('staging', scan(T0, many.slice(0, 3))),
        observation(scan(T0, many.slice(0, 3))),
      );
      const page1 = await store.findings({ cluster: 'prod', limit: 10 });
      assert.equal(page1.total, 25);
      assert.deepEqual(
        page1.items.slice(0, 7).map((f) => f.severity),
        ['critical', 'critical', 'critical', 'critical', 'critical', 'critical', 'critical'],
      );
      assert.equal(page1.items[7]!.severity, 'high');
      const page3 = await store.findings({ cluster: 'prod', limit: 10, offset: 20 });
      assert.equal(page3.items.length, 5);
      assert.deepEqual(
        page3.items.map((f) => f.severity),
        ['low', 'low', 'low', 'low', 'low'],
      );
      const ns1 = await store.findings({
        cluster: 'prod',
        namespaces: ['ns-1'],
        checks: ['c-crash'],
        sort: 'name',
      });
      assert.deepEqual(
        ns1.items.map((f) => f.object.name),
        ['p-01', 'p-07', 'p-13', 'p-19'],
      );
      const byName = await store.findings({ name: 'p-0', sort: 'name', order: 'desc', limit: 3 });
      assert.deepEqual(
        byName.items.map((f) => [f.cluster, f.object.name]),
        [
          ['prod', 'p-09'],
          ['prod', 'p-08'],
          ['prod', 'p-07'],
        ],
      );
      assert.equal((await store.findings({ name: '%' })).total, 0, 'LIKE wildcards in a search are literal');
      const counts = await store.openCounts(['cluster', 'severity']);
      const get = (cluster: string, severity: string) =>
        counts.find((c) => c.cluster === cluster && c.severity === severity)?.count;
      assert.equal(get('prod', 'critical'), 7);
      assert.equal(get('staging', 'critical'), 1);
      assert.deepEqual(
        (await store.clusters()).map((c) => c.cluster),
        ['prod', 'staging'],
      );
    } finally {
      await store.close();
    }
  });
  it("stores each scan's namespaces (labels, team) and certificate expiries, and sorts on the stored rank", async () => {
    const store = await engine.open();
    try {
      const first: ScanSpec = {
        at: T0,
        objects: ['Pod/shop/web', 'Pod/pay/api', 'Pod/ops/job'],
        findings: [
          { check: 'c-limits', object: 'Pod/shop/web', severity: 'low' },
          { check: 'c-crash', object: 'Pod/pay/api', severity: 'high' },
          { check: 'c-crash', object: 'Pod/ops/job', severity: 'medium' },
        ],
      };
      const facts = (team: string): ScanFacts => ({
        namespaces: [
          { namespace: 'shop', labels: { team, tier: 'web' }, team },
          { namespace: 'pay', labels: { team: 'payments' }, team: 'payments' },
          { namespace: 'ops', labels: {}, team: null },
        ],
        certificates: [
          { namespace: 'shop', kind: 'Secret', name: 'tls', field: 'data.tls.crt', notAfter: T0 + 9 * DAY },
          {
            namespace: '',
            kind: 'ValidatingWebhookConfiguration',
            name: 'hook',
            field: 'webhooks[0].clientConfig.caBundle',
            notAfter: T0 + 2 * DAY,
          },
        ],
      });
      const scan1 = await store.recordScan(meta('prod', first), {
        ...observation(first),
        facts: facts('storefront'),
      });
      // The next scan: the web finding's severity rises to critical; shop moved to another team.
      const second: ScanSpec = {
        ...first,
        at: T0 + DAY,
        findings: first.findings.map((f) =>
          f.object === 'Pod/shop/web' ? { ...f, severity: 'critical' as const } : f,
        ),
      };
      const scan2 = await store.recordScan(meta('prod', second), {
        ...observation(second),
        facts: facts('checkout'),
      });
      await store.recordFailedScan(meta('prod', { ...second, at: T0 + 2 * DAY }), 'unreachable');
      await store.recordScan(meta('dev', first), { ...observation(first), facts: facts('storefront') });

      const sorted = await store.findings({ cluster: 'prod' });
      assert.deepEqual(
        sorted.items.map((f) => [f.object.name, f.severity]),
        [
          ['web', 'critical'],
          ['api', 'high'],
          ['job', 'medium'],
        ],
        'a severity change moves the stored rank',
      );

      const prodNs = await store.namespaces({ cluster: 'prod' });
      assert.deepEqual(
        prodNs.map((n) => [n.scanId, n.namespace, n.team]),
        [
          [scan2.scanId, 'ops', null],
          [scan2.scanId, 'pay', 'payments'],
          [scan2.scanId, 'shop', 'checkout'],
        ],
        'the last completed scan (the failed one has none)',
      );
      assert.deepEqual(prodNs[2]!.labels, { team: 'checkout', tier: 'web' });
      assert.deepEqual(
        (await store.namespaces({ scanId: scan1.scanId })).find((n) => n.namespace === 'shop')!.team,
        'storefront',
      );
      assert.deepEqual(
        (await store.namespaces()).map((n) => n.cluster),
        ['dev', 'dev', 'dev', 'prod', 'prod', 'prod'],
      );

      const certs = await store.certificates({ cluster: 'prod' });
      assert.deepEqual(
        certs.map((c) => [c.scanId, c.kind, c.name, c.field, (c.notAfter - T0) / DAY]),
        [
          [scan2.scanId, 'ValidatingWebhookConfiguration', 'hook', 'webhooks[0].clientConfig.caBundle', 2],
          [scan2.scanId, 'Secret', 'tls', 'data.tls.crt', 9],
        ],
      );

      const checkout = await store.findings({ teams: ['checkout'] });
      assert.deepEqual(
        checkout.items.map((f) => [f.cluster, f.object.name]),
        [['prod', 'web']],
        "team from each cluster's last scan",
      );
      const storefront = await store.findings({ teams: ['storefront'] });
      assert.deepEqual(
        storefront.items.map((f) => [f.cluster, f.object.name]),
        [['dev', 'web']],
      );
      assert.equal((await store.findings({ teams: ['nobody'] })).total, 0, 'an unknown team matches nothing');
      const counts = await store.openCounts(['cluster', 'namespace'], { teams: ['payments'] });
      assert.deepEqual(counts.map((c) => [c.cluster, c.namespace, c.count]).sort(), [
        ['dev', 'pay', 1],
        ['prod', 'pay', 1],
      ]);

      // Retention drops a scan's facts with it.
      await store.prune(T0 + DAY);
      assert.deepEqual(await store.namespaces({ scanId: scan1.scanId }), []);
      assert.equal((await store.certificates({ cluster: 'prod' })).length, 2);
    } finally {
      await store.close();
    }
  });
});
