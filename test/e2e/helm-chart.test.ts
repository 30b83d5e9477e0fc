// The Helm chart of `shipshape serve` (deploy/helm/shipshape): shipshape's own review finds nothing in it (Pod
// Security restricted included), and its ClusterRole only reads, Secrets only when asked. Installing it on the
// real control plane is test/live/helm-install.test.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { Report } from '../../src/core/report.ts';
import { readServeConfig } from '../../src/serve/config.ts';
import { CHART, HELM_MISSING, TOOLS_PATH } from '../support/helm.ts';
import { shipshape } from './cli-support.ts';

interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

function render(...set: string[]): Record<string, unknown>[] {
  const run = spawnSync(
    'helm',
    ['template', 'ship', CHART, '--namespace', 'shipshape', ...set.flatMap((s) => ['--set', s])],
    {
      env: { ...process.env, PATH: TOOLS_PATH },
      encoding: 'utf8',
    },
  );
  assert.equal(run.status, 0, run.stderr);
  return parseAllDocuments(run.stdout)
    .map((d) => d.toJS() as Record<string, unknown>)
    .filter(Boolean);
}

function clusterRole(objects: Record<string, unknown>[]): Rule[] {
  return (objects.find((o) => o.kind === 'ClusterRole') as { rules: Rule[] }).rules;
}

describe('Helm chart', { skip: HELM_MISSING ?? false }, () => {
  for (const [name, values] of [
    ['defaults (SQLite)', ''],
    [
      'PostgreSQL, 2 replicas, PrometheusRule and dashboard',
      'database:\n  urlSecret: pg\nreplicas: 2\nprometheusRule:\n  enabled: true\ngrafanaDashboard:\n  enabled: true\n',
    ],
  ] as const) {
    it(`passes shipshape review with zero findings at Pod Security restricted: ${name}`, () => {
      const file = join(tmpdir(), `shipshape-chart-values-${process.pid}.yaml`);
      writeFileSync(file, values || '{}\n');
      const run = shipshape(
        ['review', CHART, '-f', file, '--pod-security-level', 'restricted', '-o', 'json'],
        {
          env: { PATH: TOOLS_PATH },
        },
      );
      const report = JSON.parse(run.stdout) as Report;
      assert.deepEqual(report.errors, []);
      // What the chart cannot bring along: the user's database-URL Secret, and the Prometheus Operator's CRD.
      const findings = report.findings.filter(
        (f) =>
          !f.suppressed &&
          !(f.check === 'secret-reference-missing' && f.message.includes('"pg"')) &&
          !(f.check === 'schema-kind-unknown' && f.object.kind === 'PrometheusRule'),
      );
      assert.deepEqual(
        findings.map((f) => `${f.check}: ${f.message}`),
        [],
      );
      // A single replica is deliberate with SQLite, and says why.
      for (const f of report.findings.filter((x) => x.suppressed))
        assert.match(
          `${f.check} ${f.suppressed?.reason}`,
          /workload-single-replica one SQLite history file has one writer/,
        );
    });
  }

  it('its ClusterRole only reads, and reads Secrets only with rbac.readSecrets', () => {
    const rules = clusterRole(render());
    for (const rule of rules) assert.deepEqual(rule.verbs, ['get', 'list', 'watch']);
    assert.ok(!rules.some((r) => r.resources.includes('secrets') || r.resources.includes('*')));
    assert.ok(!rules.some((r) => r.apiGroups.includes('*')));
    const withSecrets = clusterRole(render('rbac.readSecrets=true'));
    assert.ok(withSecrets.some((r) => r.resources.includes('secrets')));
  });

  it('its serve.yaml is a config serve accepts, and serve reads the database URL from the variable the chart sets', () => {
    const objects = render('database.urlSecret=pg', 'replicas=2', 'scan.teamLabel=example.com/team');
    const config = objects.find((o) => o.kind === 'ConfigMap') as { data: Record<string, string> };
    const file = join(tmpdir(), `shipshape-chart-serve-${process.pid}.yaml`);
    writeFileSync(file, config.data['serve.yaml']!);
    const parsed = readServeConfig(file);
    assert.deepEqual(
      parsed.clusters.map((c) => c.inCluster),
      [true],
    );
    assert.equal(parsed.http.host, '0.0.0.0');
    assert.equal(parsed.teamLabel, 'example.com/team');
    const deployment = objects.find((o) => o.kind === 'Deployment') as {
      spec: { template: { spec: { containers: { env?: { name: string; valueFrom?: unknown }[] }[] } } };
    };
    const env = deployment.spec.template.spec.containers[0]!.env ?? [];
    assert.equal(env.length, 1);
    // With nothing listening there, serve must fail on that database: proof it read the chart's variable
    // (a variable it ignored would leave it on a SQLite file and fail elsewhere).
    const cwd = mkdtempSync(join(tmpdir(), 'shipshape-chart-cwd-'));
    const run = shipshape(['serve', '--config', file], {
      cwd,
      env: { [env[0]!.name]: 'postgres://shipshape:pw@127.0.0.1:9/ship' },
    });
    rmSync(cwd, { recursive: true, force: true });
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /history database postgres:\/\/shipshape:\*\*\*@127\.0\.0\.1:9\/ship/);
  });

  it('ships the alert-rule pack as a PrometheusRule equal to the pack file', () => {
    const rule = render('prometheusRule.enabled=true').find((o) => o.kind === 'PrometheusRule') as {
      spec: { groups: { name: string }[] };
    };
    const pack = parseAllDocuments(
      spawnSync('cat', [join(CHART, 'files/shipshape-alerts.yaml')], { encoding: 'utf8' }).stdout,
    )[0]!.toJS() as { groups: unknown[] };
    assert.deepEqual(rule.spec.groups, pack.groups);
  });
});
