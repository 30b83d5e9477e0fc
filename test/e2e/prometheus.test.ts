// /metrics and the alert-rule pack, checked by the real Prometheus tools: promtool check metrics/rules, promtool
// test rules, and a real Prometheus server that scrapes /metrics and loads the pack.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Report } from '../../src/core/report.ts';
import type { RunningHttpServer, ServeStatus } from '../../src/serve/contract.ts';
import { createApp } from '../../src/serve/http/app.ts';
import { type ListeningServer, listen } from '../../src/serve/http/server.ts';
import { startHttpServer } from '../../src/serve/http/start.ts';
import { MetricsCache } from '../../src/serve/metrics/cache.ts';
import { clusterMetricsFromReport } from '../../src/serve/metrics/from-report.ts';
import { HistoryStore } from '../../src/store/store.ts';
import { meta, observation, type ScanSpec } from '../support/history-fixtures.ts';
import { PROMETHEUS_MISSING, type RunningPrometheus, startPrometheus } from '../support/prometheus.ts';
import { ROOT, shipshape } from './cli-support.ts';

const PACK = join(ROOT, 'deploy/helm/shipshape/files/shipshape-alerts.yaml');
const DASHBOARD = join(ROOT, 'deploy/helm/shipshape/files/shipshape-dashboard.json');
const skip = PROMETHEUS_MISSING ?? false;

function scanReport(): Report {
  const run = shipshape([
    'scan',
    '--snapshot',
    join(ROOT, 'examples/broken-cluster/snapshot.yaml'),
    '-o',
    'json',
  ]);
  return JSON.parse(run.stdout) as Report;
}

describe('alert-rule pack', { skip }, () => {
  it('passes promtool check rules and promtool test rules', () => {
    const check = spawnSync('promtool', ['check', 'rules', PACK], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    const test = spawnSync('promtool', ['test', 'rules', 'shipshape-alerts.test.yaml'], {
      cwd: join(ROOT, 'deploy/helm/shipshape/files'),
      encoding: 'utf8',
    });
    assert.equal(test.status, 0, test.stdout + test.stderr);
  });

  it('lints clean with shipshape alerts lint', () => {
    const run = shipshape(['alerts', 'lint', PACK, '-o', 'json']);
    assert.deepEqual((JSON.parse(run.stdout) as Report).findings, []);
    assert.equal(run.status, 0);
  });
});

describe('/metrics', { skip }, () => {
  const cache = new MetricsCache();
  const report = scanReport();
  let server: ListeningServer;
  let prometheus: RunningPrometheus;
  const now = Math.floor(Date.now() / 1000);

  before(async () => {
    await cache.update({
      version: '0.0.0-test',
      clusters: [
        {
          ...clusterMetricsFromReport('prod', report, {
            finishedAt: now,
            durationSeconds: 4.2,
            coverageRatio: 1,
            certificates: [
              {
                namespace: 'shop',
                kind: 'Secret',
                name: 'web-tls',
                field: 'data.tls\\.crt',
                notAfter: now + 86400,
              },
            ],
          }),
          intervalSeconds: 600,
          transitions: { opened: { critical: 1, high: 17 } },
        },
        { cluster: 'staging', lastAttempt: { finishedAt: now, success: false }, intervalSeconds: 600 },
      ],
    });
    server = await listen(createApp({ host: '127.0.0.1', auth: {}, metrics: () => cache.current }), {
      host: '127.0.0.1',
      port: 0,
      auth: {},
    });
    prometheus = await startPrometheus({
      targets: [{ job: 'shipshape', address: server.url.replace('http://', '') }],
      ruleFiles: [PACK],
    });
  });
  after(async () => {
    await prometheus?.stop();
    await server?.close();
  });

  it('passes promtool check metrics', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.match(text, /^shipshape_build_info\{version="0\.0\.0-test",node_version="[^"]+"\} 1$/m);
  });

  it('is scraped by a real Prometheus, and its counts equal the report', async () => {
    const up = await prometheus.waitFor(
      () => prometheus.query('up{job="shipshape"}'),
      (r) => r[0]?.value[1] === '1',
    );
    assert.equal(up[0]?.value[1], '1');
    const expected = report.summary.bySeverity;
    for (const severity of ['critical', 'high', 'medium', 'low', 'info'] as const) {
      const result = await prometheus.query(
        `sum(shipshape_findings_open{cluster_name="prod",severity="${severity}"})`,
      );
      assert.equal(Number(result[0]?.value[1]), expected[severity], severity);
    }
    const byCheck = await prometheus.query('sum(shipshape_findings_by_check{cluster_name="prod"})');
    assert.equal(Number(byCheck[0]?.value[1]), report.summary.findings);
    const failing = await prometheus.query('shipshape_scan_success{cluster_name="staging"}');
    assert.equal(failing[0]?.value[1], '0');
  });

  it('loads the rule pack; a certificate expiring in a day is pending in ShipshapeCertificateExpiring', async () => {
    const alerts = await prometheus.waitFor(
      async () => {
        const response = await fetch(`${prometheus.url}/api/v1/alerts`);
        return (
          (await response.json()) as { data: { alerts: { labels: Record<string, string>; state: string }[] } }
        ).data.alerts;
      },
      (list) => list.some((a) => a.labels.alertname === 'ShipshapeCertificateExpiring'),
    );
    const cert = alerts.find((a) => a.labels.alertname === 'ShipshapeCertificateExpiring');
    assert.equal(cert?.labels.name, 'web-tls');
    assert.equal(cert?.state, 'pending');
    const groups = (await (await fetch(`${prometheus.url}/api/v1/rules`)).json()) as {
      data: { groups: unknown[] };
    };
    assert.equal(groups.data.groups.length, 3);
  });

  it('after a scan that resolves a check, its series is gone and its severity reads 0', async () => {
    const critical = report.findings.filter((f) => f.severity === 'critical' && !f.suppressed);
    assert.ok(critical.length > 0, 'the example has a critical finding');
    const fixed: Report = { ...report, findings: report.findings.filter((f) => f.severity !== 'critical') };
    await cache.update({
      version: '0.0.0-test',
      clusters: [clusterMetricsFromReport('prod', fixed, { finishedAt: now + 60, durationSeconds: 4 })],
    });
    const check = critical[0]!.check;
    const series = await prometheus.waitFor(
      () => prometheus.query(`shipshape_findings_by_check{check="${check}"}`),
      (r) => r.length === 0,
    );
    assert.deepEqual(series, []);
    const zero = await prometheus.query('shipshape_findings_open{cluster_name="prod",severity="critical"}');
    assert.equal(zero[0]?.value[1], '0');
  });

  it("every query of the Grafana dashboard parses, and reads only metrics shipshape exports or the pack's sources", async () => {
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
    assert.ok(exprs.length >= 9);
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-grafana-'));
    try {
      const rules = exprs.map(
        (e, i) =>
          `      - record: grafana:panel_${i}\n        expr: ${JSON.stringify(e.replaceAll('$cluster_name', '.*'))}`,
      );
      writeFileSync(
        join(dir, 'panels.yaml'),
        `groups:\n  - name: grafana\n    rules:\n${rules.join('\n')}\n`,
      );
      const check = spawnSync('promtool', ['check', 'rules', join(dir, 'panels.yaml')], { encoding: 'utf8' });
      assert.equal(check.status, 0, check.stdout + check.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const exported = (await (await fetch(`${server.url}/metrics`)).text()).match(/^# TYPE (\S+)/gm) ?? [];
    const names = new Set(exported.map((l) => l.slice(7).replace(/ .*/, '')));
    for (const expr of exprs)
      for (const name of expr.match(/shipshape_[a-z_]+/g) ?? [])
        assert.ok(names.has(name) || names.has(name.replace(/_total$/, '')), `${name} is not exported`);
  });
});

describe('/metrics access', () => {
  it('on a non-loopback address it needs the token (401 without), and it will not start with no credential', async () => {
    const metrics = () => ({
      text: 'x 1\n',
      contentType: 'text/plain; version=0.0.4',
      series: 0,
      dropped: 0,
    });
    await assert.rejects(
      listen(createApp({ host: '0.0.0.0', auth: {}, metrics }), { host: '0.0.0.0', port: 0, auth: {} }),
      /needs authentication/,
    );
    const auth = { token: 's3cret-token' };
    const server = await listen(createApp({ host: '0.0.0.0', auth, metrics }), {
      host: '0.0.0.0',
      port: 0,
      auth,
    });
    try {
      const url = server.url.replace('0.0.0.0', '127.0.0.1');
      const anonymous = await fetch(`${url}/metrics`);
      assert.equal(anonymous.status, 401);
      assert.match(anonymous.headers.get('www-authenticate') ?? '', /^Bearer/);
      assert.equal(
        (await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status,
        401,
      );
      const ok = await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer s3cret-token' } });
      assert.equal(ok.status, 200);
      assert.equal(await ok.text(), 'x 1\n');
      assert.equal((await fetch(`${url}/healthz`)).status, 200, 'probes need no credential');
    } finally {
      await server.close();
    }
  });
});

describe('/metrics from the history store, as serve builds it', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-metrics-store-'));
  let store: HistoryStore;
  let running: RunningHttpServer;
  let prometheus: RunningPrometheus;
  const now = Date.now();
  const expires = Math.floor(now / 1000) * 1000 + 86_400_000;
  const spec: ScanSpec = {
    at: now - 120_000,
    objects: ['Secret/shop/web-tls', 'Pod/shop/web'],
    findings: [{ check: 'c-crash', object: 'Pod/shop/web', severity: 'critical' }],
  };

  before(async () => {
    store = await HistoryStore.open(join(dir, 'history.db'));
    await store.recordScan(meta('prod', spec), {
      ...observation(spec),
      facts: {
        namespaces: [{ namespace: 'shop', labels: {}, team: null }],
        certificates: [
          { namespace: 'shop', kind: 'Secret', name: 'web-tls', field: 'data.tls\\.crt', notAfter: expires },
          {
            namespace: '',
            kind: 'ValidatingWebhookConfiguration',
            name: 'policy',
            field: 'webhooks[0].clientConfig.caBundle',
            notAfter: expires + 400 * 86_400_000,
          },
        ],
      },
    });
    // A failed scan after it: the certificates of the last completed scan stay exported.
    await store.recordFailedScan(meta('prod', { ...spec, at: now - 30_000 }), 'connection refused');
    const status: ServeStatus = {
      instance: 'test:1',
      startedAt: now,
      database: 'history.db',
      clusters: () => [],
    };
    running = await startHttpServer({ store, status, http: { host: '127.0.0.1', port: 0 }, settings: {} });
    prometheus = await startPrometheus({
      targets: [{ job: 'shipshape', address: running.url.replace('http://', '') }],
      ruleFiles: [PACK],
    });
  });
  after(async () => {
    await prometheus?.stop();
    await running?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports the certificate expiries of the last completed scan, and passes promtool check metrics', async () => {
    const text = await (await fetch(`${running.url}/metrics`)).text();
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    const series = text
      .split('\n')
      .filter((l) => l.startsWith('shipshape_certificate_not_after_timestamp_seconds{'));
    assert.deepEqual(series, [
      `shipshape_certificate_not_after_timestamp_seconds{cluster_name="prod",namespace="shop",kind="Secret",name="web-tls",field="data.tls\\\\.crt"} ${expires / 1000}`,
      `shipshape_certificate_not_after_timestamp_seconds{cluster_name="prod",namespace="",kind="ValidatingWebhookConfiguration",name="policy",field="webhooks[0].clientConfig.caBundle"} ${expires / 1000 + 400 * 86_400}`,
    ]);
    assert.match(text, /^shipshape_scan_success\{cluster_name="prod"\} 0$/m);
  });

  it('a real Prometheus scrapes them and the pack fires ShipshapeCertificateExpiring for the one expiring in a day', async () => {
    const alerts = await prometheus.waitFor(
      async () => {
        const response = await fetch(`${prometheus.url}/api/v1/alerts`);
        return (
          (await response.json()) as { data: { alerts: { labels: Record<string, string>; state: string }[] } }
        ).data.alerts;
      },
      (list) => list.some((a) => a.labels.alertname === 'ShipshapeCertificateExpiring'),
    );
    const expiring = alerts.filter((a) => a.labels.alertname === 'ShipshapeCertificateExpiring');
    assert.deepEqual(
      expiring.map((a) => a.labels.name),
      ['web-tls'],
    );
    const days = await prometheus.query(
      'min((shipshape_certificate_not_after_timestamp_seconds{cluster_name="prod"} - time()) / 86400)',
    );
    assert.ok(Math.abs(Number(days[0]?.value[1]) - 1) < 0.05, String(days[0]?.value[1]));
  });
});
