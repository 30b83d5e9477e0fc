// `node bench/serve-dashboard.ts [--findings 100000] [--scans 30] [--requests 20] [--database FILE|postgres://…]`:
// (a --database that already holds scans is measured as it is, without recording more)
// server-side time of each dashboard page and /metrics over a history of that many findings recorded by that
// many scans (each scan resolves a few hundred findings and opens as many new ones, so the history ends with
// about --findings distinct findings and their events). A benchmark, not a test: it prints and asserts nothing.
// Server time is the app's Server-Timing header (rendering included, network excluded); wall time is over
// loopback.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fingerprint } from '../src/core/finding.ts';
import type { ObjectRef } from '../src/core/object.ts';
import { SEVERITIES } from '../src/core/severity.ts';
import type { ServeStatus } from '../src/serve/contract.ts';
import { startHttpServer } from '../src/serve/http/start.ts';
import { objectKey } from '../src/store/coverage.ts';
import type { ObservedFinding } from '../src/store/lifecycle.ts';
import { HistoryStore } from '../src/store/store.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1]!;
};
const FINDINGS = Number(option('--findings', '100000'));
const SCANS = Number(option('--scans', '30'));
const REQUESTS = Number(option('--requests', '20'));
const CHURN = Math.max(1, Math.round(FINDINGS / SCANS / 10));
const dir = mkdtempSync(join(tmpdir(), 'shipshape-bench-dashboard-'));
const location = option('--database', join(dir, 'history.db'));

const CHECKS = 200;
const NAMESPACES = 500;
function finding(i: number): { f: ObservedFinding; ref: ObjectRef } {
  const ref: ObjectRef = {
    apiVersion: 'v1',
    kind: 'Pod',
    namespace: `team-${i % NAMESPACES}`,
    name: `pod-${i}`,
  };
  const check = `check-${i % CHECKS}`;
  return {
    ref,
    f: {
      fingerprint: fingerprint(check, ref, undefined),
      check,
      severity: SEVERITIES[Math.floor(i / 7) % 5]!,
      category: 'reliability',
      object: ref,
      message: `pod-${i} restarted 12 times in the last hour`,
    },
  };
}

const store = await HistoryStore.open(location);
const HOUR = 3_600_000;
const start = Date.now() - SCANS * HOUR;
// Scan s reports findings [s*CHURN, s*CHURN + live): each scan resolves CHURN old findings and opens CHURN new.
const live = FINDINGS - SCANS * CHURN;
let recordMs = 0;
const seeded = (await store.scans({ limit: 1 })).length > 0;
for (let s = 0; s < (seeded ? 0 : SCANS); s++) {
  const findings: ObservedFinding[] = [];
  const objects = new Map<string, string>();
  for (let i = s * CHURN; i < s * CHURN + live; i++) {
    const { f, ref } = finding(i);
    findings.push(f);
    objects.set(objectKey(ref), '1');
  }
  // The objects of resolved findings are still there (fixed, not deleted).
  for (let i = 0; i < s * CHURN; i++) objects.set(objectKey(finding(i).ref), '2');
  const at = start + s * HOUR;
  const t = performance.now();
  await store.recordScan(
    {
      cluster: 'prod',
      startedAt: at,
      finishedAt: at + 60_000,
      instance: 'bench',
      toolVersion: 'bench',
      objects: objects.size,
      problems: [],
    },
    {
      at,
      coverage: {
        namespaces: 'all',
        kindsRead: ['Pod'],
        kindsMissing: [],
        namespacesForbidden: [],
        checksRan: Array.from({ length: CHECKS }, (_, i) => `check-${i}`),
      },
      findings,
      objects,
    },
  );
  recordMs += performance.now() - t;
}
const status: ServeStatus = {
  instance: 'bench',
  startedAt: start,
  database: location,
  clusters: () => [
    {
      cluster: 'prod',
      runningSince: null,
      nextScanAt: null,
      intervalMs: HOUR,
      lastError: null,
      pendingWrite: false,
    },
  ],
};
const server = await startHttpServer({ store, status, http: { host: '127.0.0.1', port: 0 }, settings: {} });
const sample = (await store.findings({ limit: 1 })).items[0]!;
const PAGES: [string, string][] = [
  ['overview', '/'],
  ['findings (open, by severity)', '/findings'],
  ['findings, one namespace', '/findings?namespace=team-7'],
  ['findings, every state, by name, page 40', '/findings?state=open&state=resolved&sort=name&page=40'],
  ['findings, name contains', '/findings?name=pod-4242'],
  ['finding detail', `/findings/prod/${encodeURIComponent(sample.fingerprint)}`],
  ['namespaces', '/namespaces'],
  ['one namespace', '/namespaces/prod/team-7'],
  ['trends', '/trends'],
  ['trends, changes since a date', `/trends?since=${new Date(start + 20 * HOUR).toISOString().slice(0, 10)}`],
  ['KPIs, 30 days (cached)', '/kpis'],
  ['scans', '/scans'],
  ['/metrics', '/metrics'],
];
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const total = await store.findings({ states: ['open', 'resolved', 'gone', 'suppressed'], limit: 1 });
const open = await store.findings({ limit: 1 });
const engine = location.startsWith('postgres') ? 'PostgreSQL' : 'SQLite';
const lines = [
  seeded
    ? `history (${engine}, recorded before): ${total.total} distinct findings, ${open.total} open`
    : `history (${engine}): ${SCANS} scans of ${live} findings each, ${total.total} distinct findings (${CHURN} resolved and ${CHURN} opened per scan); recording took ${(recordMs / 1000).toFixed(1)} s in all`,
  `load average at start: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs (server time includes waiting for a CPU; CPU is this process's, server and client)`,
  `page | server p50 | server p95 | CPU p50 | CPU p95 | wall p95 (ms, ${REQUESTS} requests each after one warm-up)`,
];
const serverTime = (response: Response) =>
  Number(/dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1] ?? Number.NaN);
// The KPIs are computed on the first request for a window and cached until the history changes (or a minute).
for (const since of ['30d', '365d']) {
  const response = await fetch(`${server.url}/kpis?since=${since}`);
  await response.text();
  lines.push(`KPIs, ${since}, first request (computed) | ${serverTime(response).toFixed(1)} | – | – | – | –`);
}
for (const [name, path] of PAGES) {
  await (await fetch(server.url + path)).text();
  const serverMs: number[] = [];
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    const response = await fetch(server.url + path);
    await response.text();
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    wall.push(performance.now() - t);
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    serverMs.push(serverTime(response));
  }
  for (const list of [serverMs, wall, cpu]) list.sort((a, b) => a - b);
  lines.push(
    `${name} | ${percentile(serverMs, 50).toFixed(1)} | ${percentile(serverMs, 95).toFixed(1)} | ${percentile(cpu, 50).toFixed(1)} | ${percentile(cpu, 95).toFixed(1)} | ${percentile(wall, 95).toFixed(1)}`,
  );
}
await server.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${lines.join('\n')}\n`);
