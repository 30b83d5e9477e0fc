// Live: `shipshape diagnose --logs` against the test bed. kwok serves real container logs
// (testbed/pod-logs/*.cri) for the crashLoopWithLogs pod, through the real API server's pods/log proxy; the fleet's
// other nodes have unresolvable host names, so the API server's own "kubelet unreachable" error is what a pod there
// yields; a ServiceAccount without pods/log gets the real RBAC Forbidden. Skips, saying why, when the bed is down.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Cause, Report } from '../../src/core/report.ts';
import { REDACTED } from '../../src/sources/snapshot/format.ts';
import {
  apply,
  crashLoop,
  crashLoopWithLogs,
  createTestNamespace,
  deleteNamespace,
  getJson,
  kubectl,
  LOGS_PANIC,
  type ScenarioResult,
  testbedKubeconfig,
  testbedSkipReason,
} from '../../testbed/scenarios.ts';
import { type CliRun, diagnoseJson, type ReportRun, runCli } from '../support/cli.ts';

const skip = await testbedSkipReason();

type Run = CliRun;

function shipshape(args: string[]): Promise<Run> {
  return runCli(['diagnose', '--no-progress', ...args]);
}

function json(args: string[], kubeconfig = testbedKubeconfig()): Promise<ReportRun> {
  return diagnoseJson(args, kubeconfig);
}

function causeOfPod(report: Report, pod: string): Cause | undefined {
  return report.causes?.find((c) => c.findings.some((i) => report.findings[i]?.object.name === pod));
}

describe('diagnose --logs without a live cluster', () => {
  it('--snapshot: a one-line note on stderr, the diagnosis unchanged', async () => {
    const snapshot = 'examples/broken-cluster/snapshot.yaml';
    const withLogs = await shipshape(['--snapshot', snapshot, '-o', 'json', '--logs']);
    const without = await shipshape(['--snapshot', snapshot, '-o', 'json']);
    assert.equal(withLogs.status, without.status, withLogs.stderr);
    assert.equal(withLogs.stdout, without.stdout);
    assert.equal(withLogs.stderr.trim().split('\n').length, 1, withLogs.stderr);
    assert.match(withLogs.stderr, /--logs needs a live cluster/);
    assert.ok(!(JSON.parse(withLogs.stdout) as Report).causes?.some((c) => c.logs));
  });

  it('--log-lines out of range is a usage error (exit 2)', async () => {
    const run = await shipshape([
      '--snapshot',
      'examples/broken-cluster/snapshot.yaml',
      '--logs',
      '--log-lines',
      '0',
    ]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--log-lines must be a whole number from 1 to 1000/);
  });
});

describe('diagnose --logs against the live test bed', { skip, timeout: 300_000 }, () => {
  let ns: string;
  let logged: ScenarioResult;
  let lost: ScenarioResult;
  let tempDir: string;

  before(async () => {
    ns = await createTestNamespace('dg-logs');
    [logged, lost] = await Promise.all([crashLoopWithLogs(ns), crashLoop(ns)]);
    tempDir = mkdtempSync(path.join(os.tmpdir(), 'shipshape-logs-'));
  });

  after(async () => {
    await logged?.cleanup().catch(() => undefined);
    await lost?.cleanup().catch(() => undefined);
    if (ns) await deleteNamespace(ns).catch(() => undefined);
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  });

  it('real log lines from the crashed instance, secrets redacted, the rest of the diagnosis intact', async () => {
    const run = await json(['-n', ns, '--logs']);
    assert.equal(run.status, 1, run.stderr);
    const pod = String(logged.facts.pod);
    const cause = causeOfPod(run.report, pod);
    assert.ok(cause, JSON.stringify(run.report.causes));
    assert.equal(cause.logs?.length, 1, JSON.stringify(cause));
    const log = cause.logs[0]!;
    assert.deepEqual(
      {
        pod: log.pod,
        namespace: log.namespace,
        container: log.container,
        previous: log.previous,
        error: log.error,
      },
      { pod, namespace: ns, container: 'checkout', previous: true, error: undefined },
    );
    // testbed/pod-logs/previous.cri has 11 lines, fewer than the default 20: all of them, in order.
    assert.equal(log.lines.length, 11, JSON.stringify(log.lines));
    assert.ok(log.lines.includes(LOGS_PANIC), JSON.stringify(log.lines));
    assert.equal(log.lines.at(-1), '    /src/cmd/checkout/main.go:17 +0x25');
    assert.ok(log.lines.includes(`connecting to postgres://checkout:${REDACTED}@db.shop.svc:5432/orders`));
    assert.ok(log.lines.includes(`loaded settings: PAYMENT_API_KEY=${REDACTED} region=eu-west-1`));
    assert.ok(
      log.lines.includes(
        'ERROR reading /etc/app/config.yaml: open /etc/app/config.yaml: no such file or directory',
      ),
    );
    assert.doesNotMatch(run.stdout, /s3cr3t-Pa55w0rd|q7Zr2mXw9LkP4tVb8NcY3hJd|\\u001b/);
    // The diagnosis itself: crash loop, exit code, the kubectl logs step for the same container and instance.
    const finding = run.report.findings.find((f) => f.object.name === pod && f.check === 'pod-crash-looping');
    assert.match(finding?.message ?? '', /exit code 2/);
    assert.ok(
      cause.nextSteps.some(
        (s) => s.includes(`logs ${pod} -c checkout --previous`) && s.includes('--context admin'),
      ),
      JSON.stringify(cause.nextSteps),
    );
    assert.equal(cause.nextSteps.filter((s) => s.includes(` logs ${pod} `)).length, 1, 'no second logs step');
  });

  it('--log-lines: exactly the last N lines', async () => {
    const run = await json(['-n', ns, '--logs', '--log-lines', '3']);
    const log = causeOfPod(run.report, String(logged.facts.pod))?.logs?.[0];
    assert.deepEqual(log?.lines, [
      '    /src/cmd/checkout/main.go:42 +0x1d',
      'main.main()',
      '    /src/cmd/checkout/main.go:17 +0x25',
    ]);
  });

  it("a pod on a node whose kubelet cannot be reached: the API server's error as a note, diagnosis continues", async () => {
    const run = await json(['-n', ns, '--logs']);
    const pod = String(lost.facts.pod);
    const cause = causeOfPod(run.report, pod);
    assert.ok(cause, JSON.stringify(run.report.causes));
    const log = cause.logs?.[0];
    assert.equal(log?.container, 'app');
    assert.equal(log?.previous, true);
    assert.deepEqual(log?.lines, []);
    assert.match(log?.error ?? '', /^kubelet unreachable: dial tcp: lookup kwok-node-\d+/);
    assert.ok(run.report.findings.some((f) => f.object.name === pod && f.check === 'pod-crash-looping'));
  });

  it('without --logs: no log is read', async () => {
    const run = await json(['-n', ns, '--stats']);
    assert.ok(!run.report.causes?.some((c) => c.logs), JSON.stringify(run.report.causes));
    assert.doesNotMatch(run.stderr, /stats: logs/);
  });

  it('--stats counts the pods/log requests (retries of the unreachable kubelet included)', async () => {
    const run = await json(['-n', ns, '--logs', '--stats']);
    const m =
      /stats: (\d+) requests .*\nstats: logs: 2 container logs, (\d+) requests \((\d+) retries\).*; (\d+) requests in all/.exec(
        run.stderr,
      );
    assert.ok(m, run.stderr);
    const [, listing, logs, retries, total] = m.map(Number) as number[];
    assert.equal(total, listing! + logs!);
    assert.equal(logs, 2 + retries!);
  });

  it('text and markdown show the tail under the cause', async () => {
    const text = await shipshape([
      '--kubeconfig',
      testbedKubeconfig(),
      '-n',
      ns,
      '--logs',
      '--log-lines',
      '4',
    ]);
    assert.match(
      text.stdout,
      new RegExp(
        `log \\(previous container, last 4 lines\\): pod ${logged.facts.pod}, container checkout\\n {5}\\| main\\.loadConfig\\(\\{0xc000012345, 0x17\\}\\)\\n`,
      ),
    );
    assert.match(text.stdout, /- log unavailable: kubelet unreachable: /);
    const md = await shipshape(['--kubeconfig', testbedKubeconfig(), '-n', ns, '--logs', '-o', 'markdown']);
    assert.match(
      md.stdout,
      /```text\n(?:.*\n)*panic: config file \/etc\/app\/config.yaml not found\n(?:.*\n)*```/,
    );
  });

  it('a user without pods/log: "forbidden" as a note, the rest still diagnosed', async () => {
    const sa = 'no-pods-log';
    await apply([
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: ns } },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: sa, namespace: ns },
        rules: [
          {
            apiGroups: [''],
            resources: ['pods', 'events', 'services', 'endpoints', 'configmaps', 'persistentvolumeclaims'],
            verbs: ['get', 'list'],
          },
          {
            apiGroups: ['apps', 'events.k8s.io', 'discovery.k8s.io'],
            resources: ['*'],
            verbs: ['get', 'list'],
          },
        ],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: sa, namespace: ns },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: sa },
        subjects: [{ kind: 'ServiceAccount', name: sa, namespace: ns }],
      },
    ]);
    const token = (await kubectl(['-n', ns, 'create', 'token', sa, '--duration', '10m'])).trim();
    const admin = await getJson(['config', 'view', '--raw', '--minify', '--context', 'admin']);
    const kubeconfig = path.join(tempDir, 'no-pods-log.json');
    writeFileSync(
      kubeconfig,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'testbed', cluster: admin.clusters[0].cluster }],
        users: [{ name: sa, user: { token } }],
        contexts: [{ name: sa, context: { cluster: 'testbed', user: sa, namespace: ns } }],
        'current-context': sa,
      }),
      { mode: 0o600 },
    );
    // kubectl auth can-i exits 1 for "no" (`pods/log` would ask about a pod named "log").
    await assert.rejects(
      kubectl([
        'auth',
        'can-i',
        'get',
        'pods',
        '--subresource',
        'log',
        '-n',
        ns,
        '--as',
        `system:serviceaccount:${ns}:${sa}`,
      ]),
    );
    const run = await json(['-n', ns, '--logs'], kubeconfig);
    assert.equal(run.status, 1, run.stderr);
    const pod = String(logged.facts.pod);
    const cause = causeOfPod(run.report, pod);
    assert.equal(cause?.logs?.[0]?.error, 'forbidden: no permission to get pods/log', JSON.stringify(cause));
    assert.ok(run.report.findings.some((f) => f.object.name === pod && f.check === 'pod-crash-looping'));
    assert.doesNotMatch(run.stdout, new RegExp(token.slice(-20)));
  });
});
