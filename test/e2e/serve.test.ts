// `shipshape serve --once` and `shipshape kpi` as users run them, on bad input: an unknown config key, a damaged
// SQLite file, an unreachable cluster, a database server that is not there, a history that does not exist.
// Each gives a clear message and exit 2, keeps the user's file as it was, and records what did happen.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { HistoryStore } from '../../src/store/store.ts';
import { runCli } from '../support/cli.ts';
import { Receiver } from '../support/receiver.ts';

const dir = mkdtempSync(join(tmpdir(), 'shipshape-serve-e2e-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('serve and kpi on bad input', () => {
  it('refuses an unknown config key, naming it and the key meant', async () => {
    const config = join(dir, 'typo.yaml');
    writeFileSync(config, stringify({ clusters: [{ context: 'prod', intervl: '5m' }] }));
    const run = await runCli(['serve', '--config', config, '--once', '--database', join(dir, 'unused.db')]);
    assert.equal(run.status, 2);
    assert.match(
      run.stderr,
      /unknown key "clusters\[0\]\.intervl" \(did you mean "clusters\[0\]\.interval"\?\)/,
    );
  });

  it('leaves a damaged SQLite file untouched and says what to do', async () => {
    const file = join(dir, 'damaged.db');
    const bytes = Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0x5a)]);
    writeFileSync(file, bytes);
    for (const args of [
      ['serve', '--once', '--context', 'prod', '--database', file],
      ['kpi', '--database', file],
    ]) {
      const run = await runCli(args);
      assert.equal(run.status, 2, run.stderr);
      assert.match(
        run.stderr,
        /history database ".*damaged\.db" is damaged or is not a SQLite database .*move it aside/,
      );
      assert.doesNotMatch(run.stderr, /internal error|at .*\.ts:\d+/);
    }
    assert.deepEqual(readFileSync(file), bytes);
  });

  it('records an unreachable cluster as a failed scan with the reason, and kpi counts it', async () => {
    const port = await closedPort();
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'gone', cluster: { server: `https://127.0.0.1:${port}` } }],
        users: [{ name: 'u', user: { token: 'not-a-secret' } }],
        contexts: [{ name: 'gone', context: { cluster: 'gone', user: 'u' } }],
        'current-context': 'gone',
      }),
    );
    const database = join(dir, 'history.db');
    const run = await runCli([
      'serve',
      '--once',
      '--kubeconfig',
      kubeconfig,
      '--timeout',
      '60s',
      '--database',
      database,
    ]);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /cluster gone: scan failed: .*127\.0\.0\.1/);
    const store = await HistoryStore.open(database);
    try {
      const [scan] = await store.scans();
      assert.equal(scan!.status, 'failed');
      assert.equal(scan!.cluster, 'gone');
      assert.match(scan!.error!, /127\.0\.0\.1/);
    } finally {
      await store.close();
    }
    const kpi = await runCli(['kpi', '--database', database, '-o', 'json']);
    assert.equal(kpi.status, 0, kpi.stderr);
    const k = JSON.parse(kpi.stdout);
    assert.deepEqual(
      [k.coverage.scans, k.coverage.completed, k.coverage.failed, k.coverage.rate],
      [1, 0, 1, 0],
    );
    assert.equal(k.mttr.all.medianHours, null);
  });

  it('notifies the configured channels after the scan (the `notify` section), once across restarts', async () => {
    const port = await closedPort();
    const kubeconfig = join(dir, 'kubeconfig-notify');
    writeFileSync(
      kubeconfig,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'gone', cluster: { server: `https://127.0.0.1:${port}` } }],
        users: [{ name: 'u', user: { token: 'not-a-secret' } }],
        contexts: [{ name: 'lost', context: { cluster: 'gone', user: 'u' } }],
      }),
    );
    const receiver = new Receiver();
    await receiver.start();
    process.env.SHIPSHAPE_TEST_HOOK_URL = `${receiver.url}/hook`;
    process.env.SHIPSHAPE_TEST_HOOK_KEY = 'test-signing-key';
    try {
      const config = join(dir, 'notify.yaml');
      writeFileSync(
        config,
        stringify({
          timeout: '60s',
          clusters: [{ name: 'lost', kubeconfig, context: 'lost' }],
          notify: {
            channels: [
              {
                name: 'hook',
                kind: 'webhook',
                urlEnv: 'SHIPSHAPE_TEST_HOOK_URL',
                signingSecretEnv: 'SHIPSHAPE_TEST_HOOK_KEY',
              },
            ],
          },
        }),
      );
      const database = join(dir, 'notify.db');
      const run = await runCli(['serve', '--config', config, '--once', '--database', database]);
      assert.equal(run.status, 2, 'the scan failed');
      assert.match(run.stderr, /serve: notifications to hook \(webhook\)/);
      assert.match(run.stderr, /serve: notified hook about lost\n/);
      assert.equal(receiver.received.length, 1, JSON.stringify(receiver.received));
      const [message] = receiver.received;
      assert.equal(message!.path, '/hook');
      assert.equal((message!.body.groupLabels as { cluster_name: string }).cluster_name, 'lost');
      assert.match(
        String((message!.body.commonAnnotations as { scan_failing: string }).scan_failing),
        /127\.0\.0\.1/,
      );
      assert.ok(message!.headers['webhook-signature'], 'signed with the key from the environment');
      assert.doesNotMatch(run.stderr, /test-signing-key|\/hook/, 'no secret in the log');

      const again = await runCli(['serve', '--config', config, '--once', '--database', database]);
      assert.equal(again.status, 2);
      assert.equal(receiver.received.length, 1, 'still failing: announced once, not again after a restart');
    } finally {
      delete process.env.SHIPSHAPE_TEST_HOOK_URL;
      delete process.env.SHIPSHAPE_TEST_HOOK_KEY;
      await receiver.stop();
    }
  });

  it('refuses a notify channel whose endpoint is missing, before scanning', async () => {
    const config = join(dir, 'notify-missing.yaml');
    writeFileSync(
      config,
      stringify({
        clusters: [{ context: 'prod' }],
        notify: { channels: [{ name: 'ops', kind: 'slack', urlEnv: 'SHIPSHAPE_TEST_UNSET_VARIABLE' }] },
      }),
    );
    const run = await runCli(['serve', '--config', config, '--once', '--database', join(dir, 'n.db')]);
    assert.equal(run.status, 2);
    assert.match(
      run.stderr,
      /notify\.channels\[0\]\.urlEnv: the environment variable SHIPSHAPE_TEST_UNSET_VARIABLE is not set/,
    );
    assert.doesNotMatch(run.stderr, /scanning/);
  });

  it('says so when the PostgreSQL server is not there, with the password hidden', async () => {
    const port = await closedPort();
    const run = await runCli(['kpi', '--database', `postgres://shipshape:s3cret@127.0.0.1:${port}/history`]);
    assert.equal(run.status, 2);
    assert.match(
      run.stderr,
      new RegExp(
        `cannot connect to the history database postgres://shipshape:\\*\\*\\*@127\\.0\\.0\\.1:${port}/history`,
      ),
    );
    assert.doesNotMatch(run.stderr, /s3cret/);
  });

  it('kpi refuses a history that does not exist instead of creating one', async () => {
    const run = await runCli(['kpi', '--database', join(dir, 'nothing.db')]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /no history database at ".*nothing\.db": run `shipshape serve` first/);
    assert.throws(() => readFileSync(join(dir, 'nothing.db')));
  });
});
