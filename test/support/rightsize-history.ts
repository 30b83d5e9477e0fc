// 14 days of synthetic cAdvisor and kube-state-metrics history with known answers, written as OpenMetrics for
// `promtool tsdb create-blocks-from openmetrics`, and a real Prometheus serving it (no scraping: retention counts
// from the newest block, capacity.md §4.3). Samples sit 30 s off the 5-minute grid so every query window holds
// exactly the five samples of its own step: rates and maxima are exact, and the expected values in
// test/truth/rightsize.test.ts can be worked out by hand.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

export const STEP = 300;
export const SCRAPE = 60;
/** End of the window: a multiple of 300 s (2023-11-15T00:00:00Z). */
export const END = 1_700_006_400;
export const DAY = 86400;
export const HISTORY = 14 * DAY;
export const START = END - HISTORY;
export const MiB = 2 ** 20;

type Labels = Record<string, string>;

/** Families in order; each family's series contiguous, samples strictly increasing (promtool drops the rest). */
export class OpenMetrics {
  private readonly families = new Map<string, { type: string; lines: string[] }>();

  add(
    family: string,
    type: 'counter' | 'gauge',
    name: string,
    labels: Labels,
    points: Iterable<[number, number]>,
  ): void {
    let f = this.families.get(family);
    if (!f) {
      f = { type, lines: [] };
      this.families.set(family, f);
    }
    const label = Object.entries(labels)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(',');
    let last = -Infinity;
    for (const [t, v] of points) {
      if (t <= last) throw new Error(`${name}{${label}}: sample at ${t} not after ${last}`);
      if (!Number.isInteger(t)) throw new Error('timestamps are whole seconds');
      last = t;
      f.lines.push(`${name}{${label}} ${v} ${t}`);
    }
  }

  async write(file: string): Promise<void> {
    const out = createWriteStream(file);
    const write = (s: string) =>
      new Promise<void>((resolve) => (out.write(s) ? resolve() : out.once('drain', () => resolve())));
    for (const [family, { type, lines }] of this.families) {
      await write(`# TYPE ${family} ${type}\n`);
      for (let i = 0; i < lines.length; i += 10_000)
        await write(`${lines.slice(i, i + 10_000).join('\n')}\n`);
    }
    await write('# EOF\n');
    await new Promise<void>((resolve) => out.end(resolve));
  }
}

/** Sample times of a container alive from `from` to `to` (grid times): 30 s after each minute boundary off the grid. */
export function* sampleTimes(from: number, to: number): Generator<number> {
  for (let t = from + 30; t < to; t += SCRAPE) yield t;
}

/** The step a sample belongs to: the grid time t with sample in (t − 300, t]. */
export function stepOf(t: number): number {
  return Math.ceil(t / STEP) * STEP;
}

export interface ContainerSpec {
  namespace: string;
  pod: string;
  container: string;
  /** Alive from..to, grid-aligned. */
  from: number;
  to: number;
  /** Start time of the container as cAdvisor reports it (a function: it restarted). */
  startedAt: number | ((t: number) => number);
  /** Cores used during the step ending at grid time t. */
  cpu: (step: number) => number;
  /** Working set at sample time t. */
  memory: (t: number) => number;
  /** Share of CFS periods throttled in the step (omit: no CFS quota, no series). */
  throttled?: (step: number) => number;
}

/** cAdvisor series of one container; with `duplicateJob`, the same series again from a second scrape job. */
export function addContainer(om: OpenMetrics, spec: ContainerSpec, duplicateJob = false): void {
  for (const job of duplicateJob ? ['kubelet', 'kubelet-dup'] : ['kubelet']) {
    const labels = { job, namespace: spec.namespace, pod: spec.pod, container: spec.container };
    let counter = 0;
    const cpu: [number, number][] = [];
    for (const t of sampleTimes(spec.from, spec.to)) {
      // The counter as if it had run from the step's start: the first sample of a step is 30 s of use in.
      counter += spec.cpu(stepOf(t)) * (t === spec.from + 30 ? 30 : SCRAPE);
      cpu.push([t, Number(counter.toFixed(9))]);
    }
    om.add('container_cpu_usage_seconds', 'counter', 'container_cpu_usage_seconds_total', labels, cpu);
    om.add(
      'container_memory_working_set_bytes',
      'gauge',
      'container_memory_working_set_bytes',
      labels,
      [...sampleTimes(spec.from, spec.to)].map((t) => [t, spec.memory(t)]),
    );
    om.add(
      'container_start_time_seconds',
      'gauge',
      'container_start_time_seconds',
      labels,
      [...sampleTimes(spec.from, spec.to)].map((t) => [
        t,
        typeof spec.startedAt === 'function' ? spec.startedAt(t) : spec.startedAt,
      ]),
    );
    if (spec.throttled) {
      let periods = 0;
      let throttled = 0;
      const p: [number, number][] = [];
      const th: [number, number][] = [];
      for (const t of sampleTimes(spec.from, spec.to)) {
        const n = t === spec.from + 30 ? 300 : 600;
        periods += n;
        throttled += n * spec.throttled(stepOf(t));
        p.push([t, periods]);
        th.push([t, Number(throttled.toFixed(6))]);
      }
      om.add('container_cpu_cfs_periods', 'counter', 'container_cpu_cfs_periods_total', labels, p);
      om.add(
        'container_cpu_cfs_throttled_periods',
        'counter',
        'container_cpu_cfs_throttled_periods_total',
        labels,
        th,
      );
    }
  }
}

/** A Prometheus serving backfilled blocks on a free loopback port, with its data in a temp dir. */
export interface ServedHistory {
  url: string;
  dir: string;
  stop(): Promise<void>;
  log(): string;
}

export async function serveHistory(om: OpenMetrics, extraFlags: string[] = []): Promise<ServedHistory> {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-rightsize-'));
  const file = join(dir, 'history.om');
  await om.write(file);
  const data = join(dir, 'data');
  const backfill = spawnSync(
    'promtool',
    ['tsdb', 'create-blocks-from', 'openmetrics', '-q', '--max-block-duration=400h', file, data],
    { encoding: 'utf8' },
  );
  if (backfill.status !== 0) throw new Error(`promtool: ${backfill.stderr}${backfill.stdout}`);
  rmSync(file);
  const config = join(dir, 'prometheus.yml');
  await new Promise<void>((resolve) => {
    const out = createWriteStream(config);
    out.end('scrape_configs: []\n', resolve);
  });
  const port = await freePort();
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${data}`,
      '--storage.tsdb.retention.time=100y',
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
      ...extraFlags,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (d) => {
    log = (log + d).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`prometheus did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dir,
    log: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}
