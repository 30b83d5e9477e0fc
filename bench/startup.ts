// The start-up row of `npm run bench` (issue #15, decision 0043): what one small file costs, the way CI and
// pre-commit hooks run us. shipshape as users install it (the package's dist/, built first) against
// kubeconform on the same Deployment, runs alternating, CPU (user+sys) of each run from bash's `times`
// (millisecond resolution; /usr/bin/time's is 10 ms). Cold: a fresh HOME per run, so Node's compile cache
// and shipshape's caches are empty, as in a new container. Warm: the caches a previous run left.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { packageEntry } from './measure-cli.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SHIPSHAPE = join(ROOT, 'dist', 'shipshape.js');

/** A typical small Deployment, clean for both tools' schemas. */
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels:
    app.kubernetes.io/name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: web
  template:
    metadata:
      labels:
        app.kubernetes.io/name: web
    spec:
      containers:
        - name: web
          image: registry.example.com/web:1.4.2
          ports:
            - containerPort: 8080
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
          readinessProbe:
            httpGet:
              path: /healthz
              port: 8080
`;

export const TARGETS = { cold: 0.2, warm: 0.1, version: 0.06 } as const;

export interface StartupMeasure {
  label: string;
  /** Median CPU seconds (user+sys) over the runs. */
  cpuS: number;
  runs: number[];
  note?: string;
}

export interface StartupResult {
  file: string;
  shipshape: { cold: StartupMeasure; warm: StartupMeasure; version: StartupMeasure; source: StartupMeasure };
  /** Node starting and running nothing (`node -e 0`), in the same alternation: what no JavaScript tool can save. */
  node: StartupMeasure;
  /** The 1-minute load average before and after the runs: CPU times grow with it on a shared machine. */
  load: [number, number];
  kubeconform?: { run: StartupMeasure; version: StartupMeasure };
  missing?: string;
}

/** CPU seconds of one run of a command (its children included), from bash's `times`. */
function cpuOf(command: readonly string[], env: NodeJS.ProcessEnv): number {
  // --norc and no socket for stdin: bash started with a socket as stdin takes itself for a remote shell and
  // sources ~/.bashrc, whose commands `times` would then count.
  const script = '"$@" </dev/null >/dev/null 2>&1; status=$?; times; exit $status';
  const run = spawnSync('bash', ['--norc', '--noprofile', '-c', script, 'bash', ...command], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`${command.join(' ')} exited ${run.status}`);
  const children = run.stdout.trim().split('\n').at(-1) ?? '';
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  if (seconds.length !== 2) throw new Error(`no times from: ${run.stdout}`);
  return seconds[0]! + seconds[1]!;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Measures the start-up row. `kubeconform` is its command up to the file (binary, -strict, schema location),
 * or undefined when it is not installed; `kubeVersion` is passed to both tools.
 */
export function benchStartup(options: {
  out: string;
  kubeVersion: string;
  kubeconform?: string[];
  kubeconformVersion?: string[];
  runs?: number;
}): StartupResult {
  const runs = options.runs ?? 9;
  packageEntry();
  const dir = join(options.out, 'startup');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'deployment.yaml');
  writeFileSync(file, DEPLOYMENT);
  const homes = mkdtempSync(join(tmpdir(), 'shipshape-startup-'));
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', NO_COLOR: '1' };
  const warmEnv = { ...base, HOME: join(homes, 'warm') };
  const review = [
    process.execPath,
    SHIPSHAPE,
    'review',
    file,
    '--kube-version',
    options.kubeVersion,
    '-o',
    'json',
  ];
  const version = [process.execPath, SHIPSHAPE, '--version'];
  const bare = [process.execPath, '-e', '0'];
  const source = [join(ROOT, 'bin', 'shipshape'), ...review.slice(2)];
  // Fill the warm caches (and check the commands work) before measuring.
  for (const command of [review, version, source]) cpuOf(command, warmEnv);
  const series = {
    cold: [] as number[],
    warm: [] as number[],
    version: [] as number[],
    source: [] as number[],
    node: [] as number[],
  };
  const loadBefore = loadavg()[0]!;
  const kc = { run: [] as number[], version: [] as number[] };
  try {
    for (let i = 0; i < runs; i++) {
      const fresh = { ...base, HOME: join(homes, `cold-${i}`) };
      series.cold.push(cpuOf(review, fresh));
      if (options.kubeconform) kc.run.push(cpuOf([...options.kubeconform, file], base));
      series.warm.push(cpuOf(review, warmEnv));
      series.version.push(cpuOf(version, warmEnv));
      if (options.kubeconformVersion) kc.version.push(cpuOf(options.kubeconformVersion, base));
      series.source.push(cpuOf(source, warmEnv));
      series.node.push(cpuOf(bare, base));
    }
  } finally {
    rmSync(homes, { recursive: true, force: true });
  }
  const measure = (label: string, values: number[], note?: string): StartupMeasure => ({
    label,
    cpuS: median(values),
    runs: values,
    ...(note ? { note } : {}),
  });
  return {
    file,
    shipshape: {
      cold: measure('shipshape review, cold (empty caches)', series.cold),
      warm: measure('shipshape review, warm', series.warm),
      version: measure('shipshape --version', series.version),
      source: measure('shipshape review from the checkout (bin/shipshape), warm', series.source),
    },
    node: measure('node -e 0 (Node alone, for scale)', series.node),
    load: [loadBefore, loadavg()[0]!],
    ...(options.kubeconform
      ? {
          kubeconform: {
            run: measure('kubeconform -strict', kc.run, 'no caches to warm: local schema files'),
            version: measure('kubeconform -v', kc.version),
          },
        }
      : { missing: 'kubeconform not installed (bash bench/install-peers.sh): no ratios' }),
  };
}

const fmt = (n: number, digits = 3) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

export function formatStartup(result: StartupResult, kubeVersion: string): string[] {
  const out: string[] = [];
  const { shipshape: s, kubeconform: k } = result;
  out.push(
    '## Start-up: one small file',
    '',
    `One Deployment (bench/out/startup/deployment.yaml), --kube-version ${kubeVersion}; shipshape as installed from the package (dist/), median CPU (user+sys) of ${s.cold.runs.length} alternating runs; 1-minute load average ${fmt(result.load[0], 1)} before, ${fmt(result.load[1], 1)} after (CPU times grow with it).`,
    '',
    '| run | cpu s (median) | target | kubeconform | ratio |',
    '|---|---|---|---|---|',
  );
  const row = (m: StartupMeasure, target: number | undefined, peer: StartupMeasure | undefined) =>
    `| ${m.label} | ${fmt(m.cpuS)} | ${target === undefined ? '' : `≤ ${target} (${m.cpuS <= target ? 'met' : 'NOT met'})`} | ${peer ? fmt(peer.cpuS) : 'n/a'} | ${peer ? `${fmt(m.cpuS / peer.cpuS, 1)}x` : 'n/a'} |`;
  out.push(row(s.cold, TARGETS.cold, k?.run));
  out.push(row(s.warm, TARGETS.warm, k?.run));
  out.push(row(s.version, TARGETS.version, k?.version));
  out.push(row(s.source, undefined, k?.run));
  if (k) out.push(`| ${k.run.label} (${k.run.note}) | ${fmt(k.run.cpuS)} | | | |`);
  out.push(`| ${result.node.label} | ${fmt(result.node.cpuS)} | | | |`);
  if (result.missing) out.push('', result.missing);
  out.push('');
  return out;
}
