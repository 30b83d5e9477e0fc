// `node bench/serve-metrics.ts [--findings 100000] [--requests 300]`: the cost of /metrics with a large history.
// A benchmark, not a test: it prints and asserts nothing. Findings are spread over 200 check ids and 500
// namespaces (the shape of a big multi-team cluster); the exposition is rendered once (as after a scan) and then
// scraped over real HTTP on loopback. The dashboard's latency over the history store is bench/serve-dashboard.ts.

import type { Report } from '../src/core/report.ts';
import { SEVERITIES } from '../src/core/severity.ts';
import { createApp } from '../src/serve/http/app.ts';
import { listen } from '../src/serve/http/server.ts';
import { MetricsCache } from '../src/serve/metrics/cache.ts';
import { clusterMetricsFromReport } from '../src/serve/metrics/from-report.ts';
import { VERSION } from '../src/version.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const FINDINGS = option('--findings', 100_000);
const REQUESTS = option('--requests', 300);

function bigReport(n: number): Report {
  const findings: Report['findings'] = [];
  for (let i = 0; i < n; i++) {
    findings.push({
      check: `check-${i % 200}`,
      severity: SEVERITIES[Math.floor(i / 500) % 5]!,
      category: 'reliability',
      object: { apiVersion: 'v1', kind: 'Pod', namespace: `team-${i % 500}`, name: `pod-${i}` },
      message: 'm',
      remediation: 'r',
      runbook: 'docs/runbooks/x.md',
      fingerprint: String(i),
    });
  }
  return {
    tool: { name: 'shipshape', version: VERSION },
    command: 'scan',
    source: { kind: 'cluster' },
    summary: {
      objects: n,
      findings: n,
      suppressed: 0,
      bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    },
    findings,
    errors: [],
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const report = bigReport(FINDINGS);
const cache = new MetricsCache();
let started = performance.now();
const snapshot = {
  version: VERSION,
  clusters: [
    clusterMetricsFromReport('prod', report, {
      finishedAt: Date.now() / 1000,
      durationSeconds: 60,
      coverageRatio: 1,
    }),
  ],
};
const exposition = await cache.update(snapshot);
const renderMs = performance.now() - started;
const server = await listen(createApp({ host: '127.0.0.1', auth: {}, metrics: () => cache.current }), {
  host: '127.0.0.1',
  port: 0,
  auth: {},
});
const times: number[] = [];
for (let i = 0; i < REQUESTS; i++) {
  started = performance.now();
  const response = await fetch(`${server.url}/metrics`);
  await response.text();
  times.push(performance.now() - started);
}
await server.close();
times.sort((a, b) => a - b);
const lines = [
  `findings in the last scan: ${FINDINGS} (200 checks × 500 namespaces × 5 severities)`,
  `exposition: ${exposition.series} budgeted series (+ by-check and per-severity families), ${exposition.dropped} dropped, ${(exposition.text.length / 1024).toFixed(0)} KiB`,
  `render once per completed scan: ${renderMs.toFixed(0)} ms`,
  `GET /metrics over loopback, ${REQUESTS} requests: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times[times.length - 1]!.toFixed(1)} ms`,
];
process.stdout.write(`${lines.join('\n')}\n`);
