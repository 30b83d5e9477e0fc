// The leak matrix, live half (issue #13): planted secret values in a real API server's Secrets, env, ConfigMaps and
// events, and in the container log kwok serves (testbed/pod-logs/previous.cri plants a URL password and an API key),
// through every cluster command and format, `diagnose --logs` included, and the snapshot file written from it.
// The offline half (files, snapshots, describe text) is test/e2e/leak-matrix.test.ts.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  apply,
  crashLoopWithLogs,
  createTestNamespace,
  deleteNamespace,
  type ScenarioResult,
  testbedKubeconfig,
  testbedSkipReason,
} from '../../testbed/scenarios.ts';
import { runCli } from '../support/cli.ts';

const skip = await testbedSkipReason();

/** In the API server (planted here) and in the served log (planted in testbed/pod-logs/previous.cri). */
const PLANTED = {
  secretData: 'Ls1-hunter2-live-secret-Qm40',
  envPassword: 'Le2-hunter2-live-env-Zr13',
  argToken: 'La3-hunter2-live-arg-Tk77',
  configMap: 'Lc4-hunter2-live-configmap-Wd21',
  eventMessage: 'Lv5-hunter2-live-event-Bx05',
  eventUrl: 'Lu6-hunter2-live-url-Po62',
  logUrlPassword: 's3cr3t-Pa55w0rd',
  logApiKey: 'q7Zr2mXw9LkP4tVb8NcY3hJd',
};
const FORMATS = ['text', 'json', 'sarif', 'junit', 'github', 'markdown'];

function hits(text: string): string[] {
  return Object.entries(PLANTED)
    .filter(([, v]) => text.includes(v) || text.includes(Buffer.from(v).toString('base64')))
    .map(([k]) => k);
}

describe('leak matrix against the live test bed', { skip, timeout: 600_000 }, () => {
  let ns = '';
  let crash: ScenarioResult | undefined;
  let dir = '';
  before(async () => {
    ns = await createTestNamespace('leaks');
    dir = mkdtempSync(path.join(os.tmpdir(), 'shipshape-live-leaks-'));
    crash = await crashLoopWithLogs(ns);
    const pod = String(crash.facts.pod);
    await apply([
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'db', namespace: ns },
        stringData: { password: PLANTED.secretData },
      },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'settings', namespace: ns },
        data: { 'app.properties': `db.password=${PLANTED.configMap}\n` },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'planted', namespace: ns },
        spec: {
          replicas: 0,
          selector: { matchLabels: { app: 'planted' } },
          template: {
            metadata: { labels: { app: 'planted' } },
            spec: {
              containers: [
                {
                  name: 'app',
                  image: 'registry.example/app:1.0',
                  args: [`--token=${PLANTED.argToken}`],
                  env: [{ name: 'DB_PASSWORD', value: PLANTED.envPassword }],
                },
              ],
            },
          },
        },
      },
      ...[
        `exec /app --password=${PLANTED.eventMessage}`,
        `dial postgres://app:${PLANTED.eventUrl}@db:5432: connection refused`,
      ].map((message, i) => ({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `planted-${i}`, namespace: ns },
        type: 'Warning',
        reason: 'BackOff',
        message,
        count: 5,
        involvedObject: { kind: 'Pod', name: pod, namespace: ns, apiVersion: 'v1' },
        firstTimestamp: new Date().toISOString(),
        lastTimestamp: new Date().toISOString(),
        source: { component: 'kubelet' },
      })),
    ]);
  });
  after(async () => {
    await crash?.cleanup();
    if (ns) await deleteNamespace(ns);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const live = () => ['--kubeconfig', testbedKubeconfig(), '-n', ns, '--no-progress'];
  const commands: [string, string[]][] = [
    ['diagnose --logs', ['diagnose', '--logs']],
    ['hygiene', ['hygiene']],
    ['scan', ['scan']],
    ['certs', ['certs']],
  ];
  for (const [name, args] of commands) {
    it(`${name}, every format: no planted value`, async () => {
      for (const format of FORMATS) {
        const run = await runCli([...args, ...live(), '-o', format]);
        assert.ok(
          run.status !== null && run.status <= 2,
          `${name} -o ${format}: exit ${run.status}: ${run.stderr}`,
        );
        assert.deepEqual(hits(`${run.stdout}\n${run.stderr}`), [], `${name} -o ${format}`);
      }
    });
  }

  it('the log was read and the events were seen: the matrix is not vacuous', async () => {
    const run = await runCli(['diagnose', '--logs', ...live(), '-o', 'json']);
    assert.match(run.stdout, /<redacted by shipshape>@db\.shop\.svc/);
    assert.match(run.stdout, /--password=<redacted by shipshape>/);
  });

  it('a snapshot written from the cluster holds none of them', async () => {
    const file = path.join(dir, 'snapshot.json');
    const run = await runCli([
      'snapshot',
      '--kubeconfig',
      testbedKubeconfig(),
      '-n',
      ns,
      '--no-progress',
      '-o',
      file,
    ]);
    assert.equal(run.status, 0, run.stderr);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /"planted"/, 'the planted Deployment is in the snapshot');
    assert.deepEqual(hits(text), []);
  });
});
