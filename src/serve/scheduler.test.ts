// The scheduler on both engines, with scans that return fixture data (the live test bed runs in
// test/live/serve.test.ts): no overlap for one cluster, failures and timeouts recorded with their reason,
// a result kept while the database is away and written once when it is back, one scan per interval across
// two instances sharing one PostgreSQL.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { forEachEngine } from '../../test/support/engines.ts';
import { observation, type ScanSpec } from '../../test/support/history-fixtures.ts';
import { HistoryStore } from '../store/store.ts';
import type { ClusterTarget } from './config.ts';
import { locksFor } from './lock.ts';
import type { ScanOutcome } from './run-scan.ts';
import { Scheduler, type SchedulerDeps } from './scheduler.ts';

const target = (name: string, over: Partial<ClusterTarget> = {}): ClusterTarget => ({
  name,
  inCluster: false,
  intervalMs: 60_000,
  timeoutMs: 5_000,
  include: [],
  exclude: [],
  ...over,
});

const SPEC = (at: number): ScanSpec => ({
  at,
  findings: [
    { check: 'c-crash', object: 'Pod/shop/a' },
    { check: 'c-limits', object: 'Pod/shop/b' },
  ],
  objects: ['Pod/shop/a', 'Pod/shop/b'],
});

function outcome(at: Date): ScanOutcome {
  return {
    report: {} as ScanOutcome['report'],
    observation: observation(SPEC(at.getTime())),
    objects: 2,
    problems: [],
  };
}

function deps(store: HistoryStore, scan: SchedulerDeps['scan'], instance = 'test-1'): SchedulerDeps {
  return { store, locks: locksFor(store), scan, toolVersion: 'test', instance, retryMs: 50 };
}

forEachEngine('serve scheduler', (engine) => {
  it('never runs two scans of one cluster at once, and records each result', async () => {
    const store = await engine.open();
    try {
      let running = 0;
      let most = 0;
      let calls = 0;
      const scheduler = new Scheduler(
        [target('prod'), target('staging')],
        deps(store, async (_t, at) => {
          calls++;
          running++;
          most = Math.max(most, running);
          await sleep(100);
          running--;
          return outcome(at);
        }),
      );
      // Three rounds asked for at once: one scan per cluster runs, the others wait for it and find it done.
      await Promise.all([scheduler.runOnce(), scheduler.runOnce(), scheduler.runOnce()]);
      assert.equal(calls, 2);
      assert.equal(most, 2, 'two clusters in parallel, never two of one');
      const scans = await store.scans();
      assert.deepEqual(scans.map((s) => [s.cluster, s.status, s.findings, s.opened]).sort(), [
        ['prod', 'completed', 2, 2],
        ['staging', 'completed', 2, 2],
      ]);
      // Not due again within the interval, even when asked.
      await scheduler.runOnce();
      assert.equal(calls, 2);
    } finally {
      await store.close();
    }
  });

  it('records an unreachable cluster and a scan past its timeout as failed scans, with the reason', async () => {
    const store = await engine.open();
    try {
      const scheduler = new Scheduler(
        [target('down'), target('slow', { timeoutMs: 100 })],
        deps(store, async (t, at) => {
          if (t.name === 'down')
            throw new Error(
              'cannot reach the API server https://10.0.0.1:6443 (context "down"): connect ECONNREFUSED',
            );
          await sleep(400);
          return outcome(at);
        }),
      );
      await scheduler.runOnce(true);
      const byCluster = Object.fromEntries((await store.scans()).map((s) => [s.cluster, s]));
      assert.equal(byCluster.down!.status, 'failed');
      assert.match(byCluster.down!.error!, /ECONNREFUSED/);
      assert.equal(byCluster.slow!.status, 'failed');
      assert.equal(byCluster.slow!.error, 'timed out after 100 ms');
      assert.equal((await store.findings()).total, 0, 'a failed scan changes no finding');
      const status = Object.fromEntries(scheduler.status().map((s) => [s.cluster, s]));
      assert.match(status.down!.lastError!, /ECONNREFUSED/);
      assert.equal(status.slow!.runningSince, null);
    } finally {
      await store.close();
    }
  });

  if (engine.engine === 'postgres') {
    it('keeps a result while the database is away and writes it once when it is back', async () => {
      const server = engine.server!;
      const store = await engine.open();
      try {
        let scans = 0;
        const scheduler = new Scheduler(
          [target('prod')],
          deps(store, async (_t, at) => {
            scans++;
            server.kill(); // the database goes away mid-scan
            return outcome(at);
          }),
        );
        await scheduler.runOnce(true);
        const [status] = scheduler.status();
        assert.equal(status!.pendingWrite, true);
        assert.match(status!.lastError!, /cannot write to the history database/);
        server.start();
        // The next tick writes the kept result before anything else; the scan is not repeated.
        for (let i = 0; i < 50 && scheduler.status()[0]!.pendingWrite; i++) {
          await scheduler.runOnce().catch(() => undefined);
          await sleep(100);
        }
        assert.equal(scheduler.status()[0]!.pendingWrite, false);
        const recorded = await store.scans({ cluster: 'prod' });
        assert.equal(recorded.length, 1, 'written exactly once');
        assert.equal(recorded[0]!.opened, 2);
        assert.equal(scans, 1);
      } finally {
        await store.close();
      }
    });

    it('two instances on one PostgreSQL scan each cluster once per interval', async () => {
      const url = await engine.location();
      const [one, two] = await Promise.all([HistoryStore.open(url), HistoryStore.open(url)]);
      try {
        const calls: string[] = [];
        const scan = (who: string) => async (t: ClusterTarget, at: Date) => {
          calls.push(`${who}:${t.name}`);
          await sleep(150);
          return outcome(at);
        };
        const clusters = [target('a'), target('b'), target('c')];
        const first = new Scheduler(clusters, deps(one, scan('one'), 'one'));
        const second = new Scheduler(clusters, deps(two, scan('two'), 'two'));
        await Promise.all([first.runOnce(), second.runOnce()]);
        await Promise.all([first.runOnce(), second.runOnce()]);
        assert.equal(calls.length, 3, `each cluster once: ${calls.join(', ')}`);
        const scans = await one.scans();
        assert.deepEqual(scans.map((s) => s.cluster).sort(), ['a', 'b', 'c']);
        assert.equal((await one.findings()).total, 6);
      } finally {
        await Promise.all([one.close(), two.close()]);
      }
    });
  }
});
