// Custom resources are validated through the same on-disk cache as built-in kinds (decision 0028; issue #14
// item 8): a re-run over a CRD-heavy input compiles nothing, and the findings are those of compiling.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CRDS = join(ROOT, '../shared/corpus/real-world/prometheus-operator');
const work = mkdtempSync(join(tmpdir(), 'shipshape-crd-cache-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Custom resources of every prometheus-operator kind, clean and with mistakes. */
const RESOURCES = `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec: {replicas: 2, serviceAccountName: prometheus, retention: 15d}
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: broken, namespace: monitoring}
spec: {replicas: two, retentionn: 15d}
---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main, namespace: monitoring}
spec: {replicas: 3}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api, namespace: monitoring}
spec:
  selector: {matchLabels: {app: api}}
  endpoints: [{port: metrics, interval: 30s, scheme: htps}]
---
apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata: {name: jobs, namespace: monitoring}
spec: {selector: {}, podMetricsEndpoints: [{port: metrics}]}
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: rules, namespace: monitoring}
spec:
  groups:
  - name: g
    rules: [{alert: Down, expr: up == 0, for: 5m}, {record: 7}]
---
apiVersion: monitoring.coreos.com/v1
kind: Probe
metadata: {name: p, namespace: monitoring}
spec: {prober: {url: blackbox:9115}}
---
apiVersion: monitoring.coreos.com/v1
kind: ThanosRuler
metadata: {name: t, namespace: monitoring}
spec: {queryEndpoints: [dnssrv+_http._tcp.thanos-query]}
`;

const CHILD = `
import { loadFiles } from ${JSON.stringify(join(ROOT, 'src/sources/files/load-files.ts'))};
import { ObjectIndex } from ${JSON.stringify(join(ROOT, 'src/core/index.ts'))};
import { runChecks, selectChecks } from ${JSON.stringify(join(ROOT, 'src/core/engine.ts'))};
import { emptyConfig } from ${JSON.stringify(join(ROOT, 'src/core/config.ts'))};
import { schemaChecks } from ${JSON.stringify(join(ROOT, 'src/checks/schema/index.ts'))};
import { cacheStats } from ${JSON.stringify(join(ROOT, 'src/schema/compiled-cache.ts'))};
const [input, crds] = process.argv.slice(1);
const settings = { now: new Date('2026-12-01T00:00:00Z') };
const index = new ObjectIndex(loadFiles([input]).objects, { partial: true, supporting: loadFiles([crds]).objects });
const { findings } = runChecks(index, selectChecks(schemaChecks, emptyConfig(), settings), settings);
process.stdout.write(JSON.stringify({ findings: findings.map((f) => [f.check, f.object.name, f.path ?? '', f.message]), stats: cacheStats() }));
`;

interface Child {
  findings: [string, string, string, string][];
  stats: { hits: number; misses: number; writes: number; failures: number };
}

function run(input: string, env: Record<string, string>): Child {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', CHILD, input, CRDS], {
    env: { PATH: process.env.PATH ?? '', HOME: join(work, 'home'), ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out) as Child;
}

describe('CRD validators from the disk cache', {
  skip: existsSync(CRDS) ? false : `${CRDS} is absent`,
}, () => {
  it('a re-run compiles nothing and finds exactly what compiling finds', () => {
    const input = join(work, 'resources.yaml');
    writeFileSync(input, RESOURCES);
    const cache = join(work, 'cache');
    const off = run(input, { SHIPSHAPE_CACHE: 'off', SHIPSHAPE_CACHE_DIR: cache });
    assert.ok(
      off.findings.some((f) => f[1] === 'broken' && /retentionn/.test(f[3])),
      JSON.stringify(off.findings),
    );
    assert.ok(
      off.findings.some((f) => f[1] === 'api' && /htps/.test(f[3])),
      JSON.stringify(off.findings),
    );
    assert.ok(!off.findings.some((f) => f[1] === 'k8s' || f[1] === 'main'), 'clean resources pass');

    const cold = run(input, { SHIPSHAPE_CACHE_DIR: cache });
    assert.ok(
      cold.stats.writes >= 8,
      `one validator per custom resource kind: ${JSON.stringify(cold.stats)}`,
    );
    const warm = run(input, { SHIPSHAPE_CACHE_DIR: cache });
    assert.deepEqual(
      { misses: warm.stats.misses, writes: warm.stats.writes, failures: warm.stats.failures },
      { misses: 0, writes: 0, failures: 0 },
      `a warm run compiles nothing: ${JSON.stringify(warm.stats)}`,
    );
    assert.deepEqual(cold.findings, off.findings);
    assert.deepEqual(warm.findings, off.findings);
  });
});
