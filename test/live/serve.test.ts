// Live: two `shipshape serve` processes sharing one real PostgreSQL server scan the test bed (two clusters: the
// admin and the viewer context, both limited to a test namespace). Each cluster is scanned once per interval
// and never by both at once; one instance is killed (SIGKILL) in the middle of a scan and the other takes the
// cluster over without losing or re-opening a finding. Skips, saying why, without the test bed or PostgreSQL.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'yaml';
import { HistoryStore } from '../../src/store/store.ts';
import {
  createTestNamespace,
  deleteNamespace,
  missingConfigMap,
  serviceWithoutEndpoints,
  testbedKubeconfig,
  testbedSkipReason,
} from '../../testbed/scenarios.ts';
import { type PostgresServer, postgresSkipReason, startPostgres } from '../support/postgres.ts';

const skip = (await testbedSkipReason()) || postgresSkipReason();
const INTERVAL_MS = 15_000;
const CLUSTERS = ['bed', 'bed-viewer'];

interface Instance {
  child: ChildProcess;
  stderr: string;
  exited: Promise<number | null>;
}

function startServe(config: string, database: string): Instance {
  const child = spawn(
    process.execPath,
    ['src/cli/main.ts', 'serve', '--config', config, '--database', database, '--listen', '127.0.0.1:0'],
    {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const instance: Instance = {
    child,
    stderr: '',
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
  };
  child.stderr!.on('data', (d) => {
    instance.stderr += d;
  });
  return instance;
}

const count = (text: string, line: string) => text.split(line).length - 1;

/** The instance has started a scan of "bed" that it has not finished. */
const scanningBed = (i: Instance) =>
  count(i.stderr, 'cluster bed: scanning') > count(i.stderr, 'cluster bed: scanned in');

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

describe('serve: two instances on one PostgreSQL against the live test bed', { skip }, () => {
  let server: PostgresServer;
  let url: string;
  let ns: string;
  let dir: string;
  let store: HistoryStore;
  const instances: Instance[] = [];

  before(async () => {
    server = await startPostgres();
    url = await server.createDatabase('serve');
    ns = await createTestNamespace('serve');
    await missingConfigMap(ns);
    await serviceWithoutEndpoints(ns);
    dir = mkdtempSync(join(tmpdir(), 'shipshape-serve-'));
    const common = { kubeconfig: testbedKubeconfig(), namespaces: [ns] };
    writeFileSync(
      join(dir, 'serve.yaml'),
      stringify({
        interval: `${INTERVAL_MS / 1000}s`,
        timeout: '3m',
        clusters: [
          { name: 'bed', context: 'admin', ...common },
          { name: 'bed-viewer', context: 'viewer', ...common },
        ],
      }),
    );
    store = await HistoryStore.open(url);
  });

  after(async () => {
    for (const i of instances) if (i.child.exitCode === null) i.child.kill('SIGKILL');
    await store?.close();
    if (ns) await deleteNamespace(ns);
    server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('scans each cluster once per interval, and a killed instance loses nothing', async () => {
    try {
      await twoInstances();
    } catch (error) {
      // What the instances said, to see why.
      for (const i of instances) process.stderr.write(`--- serve ${i.child.pid}:\n${i.stderr}\n`);
      throw error;
    }
  });

  async function twoInstances() {
    const config = join(dir, 'serve.yaml');
    instances.push(startServe(config, url), startServe(config, url));
    const completed = async (cluster: string) =>
      (await store.scans({ cluster, status: 'completed' })).sort((a, b) => a.startedAt - b.startedAt);

    // Both clusters scanned once, by whichever instance got there first.
    for (const cluster of CLUSTERS)
      await until(
        `a first scan of ${cluster}`,
        async () => ((await completed(cluster)).length > 0 ? true : undefined),
        240_000,
      );
    const before = new Set(
      (await store.findings({ cluster: 'bed', limit: 1000 })).items.map((f) => f.fingerprint),
    );
    assert.ok(before.size >= 2, `findings in ${ns}: ${[...before].join(', ')}`);

    // The next scan of "bed" starts in one instance: kill that one while it scans.
    const victim = await until(
      'a second scan of bed to start',
      async () => instances.find(scanningBed),
      120_000,
    );
    // The other instance keeps serving while that scan runs: /metrics answers.
    const web = /dashboard and \/metrics on (http:\/\/\S+)/.exec(
      instances.find((i) => i !== victim)!.stderr,
    )?.[1];
    assert.ok(web, 'the HTTP server started');
    const metrics = await fetch(`${web}/metrics`);
    assert.equal(metrics.status, 200);
    assert.match(await metrics.text(), /shipshape_/);
    const killedAt = Date.now();
    victim.child.kill('SIGKILL');
    await victim.exited;
    const survivor = instances.find((i) => i !== victim)!;

    // The survivor takes "bed" over once the dead instance's connection (and its lock) is gone.
    await until(
      'the survivor to scan bed',
      async () => ((await completed('bed')).some((s) => s.startedAt > killedAt) ? true : undefined),
      240_000,
    );
    survivor.child.kill('SIGTERM');
    assert.equal(await survivor.exited, 0, survivor.stderr);
    assert.doesNotMatch(survivor.stderr + victim.stderr, /internal error|scan failed|cannot write/);

    for (const cluster of CLUSTERS) {
      const scans = await completed(cluster);
      assert.equal((await store.scans({ cluster, status: 'failed' })).length, 0);
      for (const [i, scan] of scans.entries()) {
        if (i === 0) continue;
        const previous = scans[i - 1]!;
        assert.ok(
          scan.startedAt >= previous.finishedAt,
          `${cluster}: scans ${previous.id} and ${scan.id} overlap`,
        );
        assert.ok(
          scan.startedAt - previous.startedAt >= INTERVAL_MS - 1000,
          `${cluster}: scans ${previous.id} and ${scan.id} started ${scan.startedAt - previous.startedAt} ms apart`,
        );
      }
    }
    // The scan in progress when the victim died was never recorded (nothing half-written).
    const victimId = `:${victim.child.pid}`;
    for (const scan of await store.scans({ limit: 1000 }))
      if (scan.instance.endsWith(victimId)) assert.ok(scan.finishedAt < killedAt);

    // Nothing lost, nothing opened twice: the same findings, open since the first scan, one opening each.
    const now = await store.findings({ cluster: 'bed', states: ['open', 'suppressed'], limit: 1000 });
    assert.deepEqual(new Set(now.items.map((f) => f.fingerprint)), before);
    for (const f of now.items) {
      const detail = (await store.finding('bed', f.fingerprint))!;
      assert.equal(detail.episodes, 1, f.check);
      assert.deepEqual(
        detail.events.map((e) => e.kind),
        ['opened'],
        `${f.check} ${f.object.name}`,
      );
    }
  }
});
