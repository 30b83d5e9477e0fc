// `shipshape rightsize` against a real Prometheus holding 14 days of history for many containers (default 10,000
// containers: 50 namespaces × 100 Deployments × 1 pod × 2 containers). Each container's CPU follows its own daily
// curve with noise, memory a baseline with rare single-sample spikes; cAdvisor's series are scraped every 5 min
// and sized at 30-min steps (--step 30m: six samples per rate window). Measures what users feel (wall, CPU, peak
// RSS of the CLI) and what Prometheus feels (HTTP requests, answer bytes). Prints; writes bench/out/rightsize.json.
// KRR (robusta-krr) runs side by side when SHIPSHAPE_KRR points at a runnable krr command (its repository's
// krr.py under a Python with its requirements); it reads workloads from a Kubernetes API, so it also needs
// SHIPSHAPE_KRR_KUBECONFIG with the same Deployments applied (bench --krr-manifests writes them).
// Usage: node bench/rightsize.ts [--containers 10000] [--scrape 300] [--step 1800] [--keep]
// (seconds; the step must hold several scrapes. promtool ingests ~10k lines/s on the shared 2-core machine, so
// 10,000 containers at a 5-min scrape — 94 M lines — take hours to backfill; a 30-min scrape is 16 M lines.)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../test/support/free-port.ts';
import { rng } from './generate.ts';
import { timeCommand } from './time-command.ts';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const CONTAINERS = Number(option('--containers', '10000'));
const SCRAPE = Number(option('--scrape', '300'));
const STEP = Number(option('--step', '1800'));
const DAYS = 14;
const END = Math.floor(Date.now() / 1000 / STEP) * STEP;
const START = END - DAYS * 86400;
const NAMESPACES = 50;
const PER_NS = Math.max(1, Math.round(CONTAINERS / NAMESPACES / 2));

interface Workload {
  namespace: string;
  name: string;
  pod: string;
}

function workloads(): Workload[] {
  const out: Workload[] = [];
  for (let n = 0; n < NAMESPACES; n++)
    for (let d = 0; d < PER_NS; d++) {
      const name = `svc-${d}`;
      out.push({
        namespace: `team-${n}`,
        name,
        pod: `${name}-5d8f9c-${(n * 1000 + d).toString(36).padStart(5, '0')}`,
      });
    }
  return out;
}

/** One OpenMetrics file for a slice of workloads (families contiguous, samples ascending, # EOF). */
function writeSlice(file: string, slice: Workload[], seed: number): number {
  const random = rng(seed);
  const families: Record<string, string[]> = { cpu: [], mem: [], start: [], owner: [], rs: [] };
  for (const w of slice) {
    for (const container of ['app', 'sidecar']) {
      const base = container === 'app' ? 0.05 + random() * 0.8 : 0.01 + random() * 0.05;
      const amp = base * random();
      const memBase = (64 + Math.floor(random() * 900)) * 2 ** 20;
      const spikeAt = START + Math.floor(random() * DAYS * 288) * SCRAPE + SCRAPE - 30;
      const labels = `job="kubelet",namespace="${w.namespace}",pod="${w.pod}",container="${container}"`;
      let counter = 0;
      for (let t = START + SCRAPE - 30; t < END; t += SCRAPE) {
        const hour = (t % 86400) / 3600;
        const usage = Math.max(
          0.001,
          base + amp * Math.sin((hour / 24) * 2 * Math.PI) + (random() - 0.5) * base * 0.2,
        );
        counter += usage * SCRAPE;
        families.cpu!.push(`container_cpu_usage_seconds_total{${labels}} ${counter.toFixed(3)} ${t}`);
        families.mem!.push(
          `container_memory_working_set_bytes{${labels}} ${t === spikeAt ? memBase * 2 : memBase} ${t}`,
        );
        if ((t - (START + SCRAPE - 30)) % STEP === 0)
          families.start!.push(`container_start_time_seconds{${labels}} ${START - 86400} ${t}`);
      }
    }
    for (let t = START + STEP - 30; t < END; t += STEP) {
      families.owner!.push(
        `kube_pod_owner{job="kube-state-metrics",namespace="${w.namespace}",pod="${w.pod}",owner_kind="ReplicaSet",owner_name="${w.name}-5d8f9c",owner_is_controller="true"} 1 ${t}`,
      );
      families.rs!.push(
        `kube_replicaset_owner{job="kube-state-metrics",namespace="${w.namespace}",replicaset="${w.name}-5d8f9c",owner_kind="Deployment",owner_name="${w.name}"} 1 ${t}`,
      );
    }
  }
  const text = [
    '# TYPE container_cpu_usage_seconds counter',
    ...families.cpu!,
    '# TYPE container_memory_working_set_bytes gauge',
    ...families.mem!,
    '# TYPE container_start_time_seconds gauge',
    ...families.start!,
    '# TYPE kube_pod_owner gauge',
    ...families.owner!,
    '# TYPE kube_replicaset_owner gauge',
    ...families.rs!,
    '# EOF',
    '',
  ].join('\n');
  writeFileSync(file, text);
  return text.split('\n').length;
}

function manifests(dir: string, all: Workload[]): void {
  mkdirSync(dir, { recursive: true });
  for (let n = 0; n < NAMESPACES; n++) {
    const docs = all
      .filter((w) => w.namespace === `team-${n}`)
      .map(
        (w) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${w.name}, namespace: ${w.namespace} }
spec:
  replicas: 1
  selector: { matchLabels: { app: ${w.name} } }
  template:
    metadata: { labels: { app: ${w.name} } }
    spec:
      containers:
        - { name: app, image: "app:1", resources: { requests: { cpu: "1", memory: 1Gi }, limits: { memory: 1Gi } } }
        - { name: sidecar, image: "proxy:1", resources: { requests: { cpu: 100m, memory: 128Mi }, limits: { memory: 128Mi } } }
`,
      );
    writeFileSync(join(dir, `team-${n}.yaml`), docs.join('---\n'));
  }
}

const work = mkdtempSync(join(tmpdir(), 'shipshape-rightsize-bench-'));
const data = join(work, 'data');
const started = performance.now();
const all = workloads();
let lines = 0;
const SLICE = 250;
for (let i = 0; i < all.length; i += SLICE) {
  const file = join(work, `slice-${i}.om`);
  lines += writeSlice(file, all.slice(i, i + SLICE), i + 1);
  const backfill = spawnSync(
    'nice',
    ['promtool', 'tsdb', 'create-blocks-from', 'openmetrics', '-q', '--max-block-duration=400h', file, data],
    { encoding: 'utf8' },
  );
  if (backfill.status !== 0) throw new Error(`promtool: ${backfill.stderr}`);
  rmSync(file);
  process.stderr.write(`\rbackfilled ${Math.min(all.length, i + SLICE)}/${all.length} pods (${lines} lines)`);
}
const backfillS = (performance.now() - started) / 1000;
process.stderr.write(`\nbackfill: ${backfillS.toFixed(0)} s\n`);
manifests(join(work, 'manifests'), all);
const port = await freePort();
writeFileSync(join(work, 'prometheus.yml'), 'scrape_configs: []\n');
const prometheus = (await import('node:child_process')).spawn(
  'prometheus',
  [
    `--config.file=${join(work, 'prometheus.yml')}`,
    `--storage.tsdb.path=${data}`,
    '--storage.tsdb.retention.time=100y',
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ],
  { stdio: 'ignore' },
);
const url = `http://127.0.0.1:${port}`;
for (let i = 0; i < 600; i++) {
  const ready = await fetch(`${url}/-/ready`).then(
    (r) => r.ok,
    () => false,
  );
  if (ready) break;
  await new Promise((r) => setTimeout(r, 500));
}
const out = join(work, 'report.json');
const timed = timeCommand(
  [
    process.execPath,
    join(ROOT, 'src/cli/main.ts'),
    'rightsize',
    join(work, 'manifests'),
    '--prometheus',
    url,
    '--at',
    String(END),
    '--step',
    `${STEP}s`,
    '-o',
    'json',
    '--no-progress',
    '--fail-on',
    'none',
  ],
  { timeoutS: 3600, stdoutFile: out },
);
const report = JSON.parse((await import('node:fs')).readFileSync(out, 'utf8'));
const sized = report.rightsize.containers.filter(
  (c: { cpu: { recommended?: unknown } }) => c.cpu.recommended,
).length;
const result = {
  date: new Date().toISOString(),
  containers: all.length * 2,
  days: DAYS,
  scrapeSeconds: SCRAPE,
  stepSeconds: STEP,
  openMetricsLines: lines,
  backfillSeconds: Math.round(backfillS),
  shipshape: {
    wallS: Number(timed.wallS.toFixed(2)),
    cpuS: Number(timed.cpuS.toFixed(2)),
    maxRssMiB: Math.round(timed.maxRssMiB),
    exit: timed.status,
    requests: report.rightsize.prometheus.queries,
    answerMiB: Number((report.rightsize.prometheus.bytes / 2 ** 20).toFixed(1)),
    containersSized: sized,
    errors: report.errors.length,
  },
  krr: 'not run here: KRR is not on PyPI (neither "krr" nor "robusta-krr"); run from its repository beside this data as ADR 0065 describes',
};
console.log(JSON.stringify(result, null, 2));
mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'out', 'rightsize.json'), `${JSON.stringify(result, null, 2)}\n`);
prometheus.kill('SIGTERM');
if (!args.includes('--keep')) rmSync(work, { recursive: true, force: true });
else console.log(`kept: ${work} (Prometheus data, manifests); KRR: ${url} is stopped`);
