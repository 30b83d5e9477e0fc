// The findings history at scale (issue #11): a cluster with 100,000 findings scanned 30 times, with the churn of
// a real estate between scans (findings fixed, new ones, objects deleted, severities changed), written through
// HistoryStore.recordScan as serve writes them. Reports the ingest time per scan, the database size, and the
// time of the KPI and finding-list queries over the full history; then the memory of 1,000 scans through the
// scheduler (heap after GC at scan 100 and at scan 1,000: bounded means no growth).
//
//   node bench/history.ts [--findings 100000] [--scans 30] [--engine sqlite|postgres|both] [--memory-scans 1000]
//
// PostgreSQL: Debian's server started on a free loopback port (test/support/postgres.ts), data in a temp dir.
// There is no peer row: no peer keeps a findings history we could run here (docs/research/history-dashboard.md).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { fingerprint } from '../src/core/finding.ts';
import type { ObjectRef } from '../src/core/object.ts';
import { SEVERITIES } from '../src/core/severity.ts';
import type { ClusterTarget } from '../src/serve/config.ts';
import { locksFor } from '../src/serve/lock.ts';
import { Scheduler } from '../src/serve/scheduler.ts';
import { objectKey } from '../src/store/coverage.ts';
import { DAY_MS } from '../src/store/kpi.ts';
import type { Observation, ObservedFinding } from '../src/store/lifecycle.ts';
import { HistoryStore } from '../src/store/store.ts';
import { startPostgres } from '../test/support/postgres.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const FINDINGS = Number(arg('--findings', '100000'));
const SCANS = Number(arg('--scans', '30'));
const ENGINE = arg('--engine', 'both');
const MEMORY_SCANS = Number(arg('--memory-scans', '1000'));
const T0 = Date.parse('2026-09-01T00:00:00Z');
const CHECKS = ['pod-crash-looping', 'container-resources-missing', 'image-tag-mutable', 'probe-missing'];

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Slot {
  object: ObjectRef;
  check: string;
  generation: number;
  present: boolean;
  failing: boolean;
  severity: (typeof SEVERITIES)[number];
}

/**
 * The estate: FINDINGS slots failing at first (two checks per pod), and per later scan ≈1 % fixed (generation
 * bumped), ≈0.3 % fixed by themselves, ≈0.5 % of objects deleted, ≈1 % new or back, ≈0.2 % severity changes.
 */
function* estate(): Generator<Observation> {
  const rand = random(11);
  const slots: Slot[] = [];
  for (let i = 0; i < FINDINGS; i++) {
    const pod = Math.floor(i / 2);
    const object: ObjectRef = {
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: `team-${pod % 500}`,
      name: `app-${pod}`,
    };
    slots.push({
      object,
      check: CHECKS[(i % 2) + 2 * (pod % 2)]!,
      generation: 1,
      present: true,
      failing: true,
      severity: SEVERITIES[pod % 5]!,
    });
  }
  for (let scan = 0; scan < SCANS; scan++) {
    if (scan > 0)
      for (const s of slots) {
        const r = rand();
        if (!s.present) {
          if (r < 0.05) Object.assign(s, { present: true, failing: true, generation: s.generation + 1 });
        } else if (s.failing && r < 0.01) Object.assign(s, { failing: false, generation: s.generation + 1 });
        else if (s.failing && r < 0.013) s.failing = false;
        else if (r < 0.018) s.present = false;
        else if (!s.failing && r < 0.028) s.failing = true;
        else if (r < 0.03) s.severity = SEVERITIES[Math.floor(rand() * 5)]!;
      }
    const findings: ObservedFinding[] = [];
    const objects = new Map<string, string>();
    for (const s of slots) {
      if (!s.present) continue;
      objects.set(objectKey(s.object), String(s.generation));
      if (!s.failing) continue;
      findings.push({
        fingerprint: fingerprint(s.check, s.object, undefined),
        check: s.check,
        severity: s.severity,
        category: 'reliability',
        object: s.object,
        message: `${s.check} on ${s.object.name}`,
      });
    }
    yield {
      at: T0 + scan * DAY_MS,
      coverage: {
        namespaces: 'all',
        kindsRead: ['Pod'],
        kindsMissing: [],
        namespacesForbidden: [],
        checksRan: CHECKS,
      },
      findings,
      objects,
    };
  }
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.ceil(v.length / 2) - 1]!;
const p90 = (v: number[]) => [...v].sort((a, b) => a - b)[Math.ceil(v.length * 0.9) - 1]!;
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

async function ingest(engine: 'sqlite' | 'postgres'): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-bench-history-'));
  const server = engine === 'postgres' ? await startPostgres() : undefined;
  try {
    const location = server ? await server.createDatabase('bench') : join(dir, 'history.db');
    const store = await HistoryStore.open(location);
    const times: number[] = [];
    let findings = 0;
    let events = 0;
    try {
      for (const observation of estate()) {
        const started = performance.now();
        const { counts } = await store.recordScan(
          {
            cluster: 'prod',
            startedAt: observation.at,
            finishedAt: observation.at + 60_000,
            instance: 'bench',
            toolVersion: 'bench',
            objects: observation.objects.size,
            problems: [],
          },
          observation,
        );
        times.push(performance.now() - started);
        findings = observation.findings.length;
        events += counts.opened + counts.reopened + counts.resolved + counts.gone;
        process.stderr.write(`${engine}: scan ${times.length}/${SCANS} in ${times.at(-1)!.toFixed(0)} ms\n`);
      }
      let q = performance.now();
      await store.kpis({
        from: T0,
        to: T0 + SCANS * DAY_MS,
        sla: {
          critical: 7 * DAY_MS,
          high: 30 * DAY_MS,
          medium: 90 * DAY_MS,
          low: 180 * DAY_MS,
          info: 365 * DAY_MS,
        },
      });
      const kpiMs = performance.now() - q;
      q = performance.now();
      await store.findings({ cluster: 'prod', limit: 100, sort: 'severity' });
      const listMs = performance.now() - q;
      let size: number;
      if (server) {
        const { rows } = await sql<{
          size: string;
        }>`SELECT pg_database_size(current_database()) AS size`.execute(store.db);
        size = Number(rows[0]!.size);
      } else {
        await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(store.db);
        size = statSync(location).size;
      }
      return [
        `| ${engine} | ${FINDINGS} | ${SCANS} | ${(times[0]! / 1000).toFixed(2)} | ${(median(times.slice(1)) / 1000).toFixed(2)} | ${(p90(times.slice(1)) / 1000).toFixed(2)} | ${(Math.max(...times.slice(1)) / 1000).toFixed(2)} | ${events} | ${mib(size)} | ${(kpiMs / 1000).toFixed(2)} | ${(listMs / 1000).toFixed(3)} |`,
        `  (${findings} findings in the last scan)`,
      ];
    } finally {
      await store.close();
    }
  } finally {
    server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 1,000 scans of 1,000 findings through the scheduler into SQLite: heap after GC at scan 100 and at the end. */
async function memory(): Promise<string> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return '(memory: run node with --expose-gc to measure)';
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-bench-memory-'));
  const store = await HistoryStore.open(join(dir, 'history.db'));
  try {
    const rand = random(5);
    let clock = T0;
    const target: ClusterTarget = {
      name: 'prod',
      inCluster: false,
      intervalMs: 60_000,
      timeoutMs: 60_000,
      include: [],
      exclude: [],
    };
    const scheduler = new Scheduler([target], {
      store,
      locks: locksFor(store),
      toolVersion: 'bench',
      instance: 'bench',
      now: () => clock,
      scan: async (_t, at) => {
        const findings: ObservedFinding[] = [];
        const objects = new Map<string, string>();
        for (let i = 0; i < 1000; i++) {
          const object: ObjectRef = { apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: `p-${i}` };
          objects.set(objectKey(object), '1');
          if (rand() < 0.9)
            findings.push({
              fingerprint: fingerprint('pod-crash-looping', object, undefined),
              check: 'pod-crash-looping',
              severity: 'high',
              category: 'reliability',
              object,
              message: `restarted ${Math.floor(rand() * 100)} times`,
            });
        }
        const coverage = {
          namespaces: 'all' as const,
          kindsRead: ['Pod'],
          kindsMissing: [],
          namespacesForbidden: [],
          checksRan: ['pod-crash-looping'],
        };
        return {
          report: {} as never,
          observation: { at: at.getTime(), coverage, findings, objects },
          objects: 1000,
          problems: [],
        };
      },
    });
    await scheduler.stop(); // rounds driven here, no timers
    const heap: number[] = [];
    for (let i = 1; i <= MEMORY_SCANS; i++) {
      clock += 60_000;
      await scheduler.runOnce();
      if (i === 100 || i === MEMORY_SCANS) {
        gc();
        heap.push(process.memoryUsage().heapUsed);
      }
    }
    const scans = (await store.scans({ limit: 1 }))[0]?.id;
    return `Memory: ${MEMORY_SCANS} scans of 1,000 findings through the scheduler (SQLite, ${scans} recorded): heap after GC ${mib(heap[0]!)} MiB at scan 100, ${mib(heap[1]!)} MiB at scan ${MEMORY_SCANS}.`;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const lines = [
  `History store: ${FINDINGS} findings × ${SCANS} scans (one a day), churn ≈4 % per scan; ${new Date().toISOString()}`,
  '',
  '| engine | findings | scans | first scan s | ingest median s | p90 s | max s | events | database MiB | KPIs 30 d s | finding list s |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
];
for (const engine of ['sqlite', 'postgres'] as const)
  if (ENGINE === engine || ENGINE === 'both') lines.push(...(await ingest(engine)));
if (MEMORY_SCANS > 0) lines.push('', await memory());
process.stdout.write(`${lines.join('\n')}\n`);
