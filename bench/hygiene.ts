// Benchmark of `shipshape hygiene` on the synthetic clusters of bench/diagnose.ts (up to 150k pods on 5,000 nodes),
// with what a weekly sweep looks at added: a ConfigMap and a Secret per Deployment (half mounted, half left over),
// ServiceAccounts, Roles and RoleBindings per namespace, finished Jobs, Released PVs and claims. Each snapshot is
// written as JSON to bench/out/ and swept through the CLI in a fresh process. Goal (issue #5): 150k pods < 30 s.
//
//   node bench/hygiene.ts [--sizes 1000,10000,150000] [--keep]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KubeObject } from '../src/core/object.ts';
import { BUILTIN_RESOURCES } from '../src/sources/cluster/resources.ts';
import { configMap, minutesBefore, T0 } from '../src/testing/cluster-builders.ts';
import { syntheticCluster } from './diagnose.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', 'out');

export interface HygieneBenchResult {
  pods: number;
  objects: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
  findings: number;
}

/** The diagnose cluster plus the objects hygiene judges; pods of even Deployments mount their config. */
export function hygieneCluster(pods: number): KubeObject[] {
  const { objects } = syntheticCluster(pods);
  const extra: KubeObject[] = [];
  const namespaces = new Set<string>();
  for (const o of objects) {
    const ns = o.metadata.namespace;
    if (ns) namespaces.add(ns);
    if (o.kind === 'Pod') {
      const app = o.metadata.labels?.app ?? '';
      const n = Number(app.split('-')[1]);
      if (n % 2 === 0) {
        const spec = o.spec as { volumes?: unknown[]; containers: { envFrom?: unknown[] }[] };
        spec.volumes = [{ name: 'cfg', projected: { sources: [{ configMap: { name: `${app}-config` } }] } }];
        spec.containers[0]!.envFrom = [{ secretRef: { name: `${app}-secret` } }];
      }
    }
    if (o.kind === 'Deployment') {
      const ns = o.metadata.namespace!;
      extra.push(configMap(`${o.metadata.name}-config`, ns, { 'app.yaml': 'x: 1' }));
      extra.push({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: `${o.metadata.name}-secret`, namespace: ns },
        type: 'Opaque',
        data: { k: 'eA==' },
      });
    }
  }
  let i = 0;
  for (const ns of namespaces) {
    extra.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns, creationTimestamp: minutesBefore(T0, 90 * 1440) },
      status: { phase: 'Active' },
    });
    extra.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
    extra.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'old-ci', namespace: ns } });
    extra.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'reader', namespace: ns },
      rules: [],
    });
    extra.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'reader', namespace: ns },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'gone', namespace: ns }],
    });
    for (let j = 0; j < 20; j++, i++) {
      const at = minutesBefore(T0, (j + 1) * 1440);
      extra.push({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: `migrate-${j}`, namespace: ns },
        spec: {},
        status: {
          completionTime: at,
          conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: at }],
        },
      });
      extra.push({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: `data-${j}`, namespace: ns },
        spec: { volumeName: `pv-${i}` },
        status: { phase: 'Bound' },
      });
      extra.push({
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: `pv-${i}`, creationTimestamp: minutesBefore(T0, 60 * 1440) },
        spec: { claimRef: { namespace: ns, name: `data-${j}` } },
        status: { phase: j % 4 === 0 ? 'Released' : 'Bound' },
      });
    }
  }
  return [...objects, ...extra];
}

function runCli(file: string): Omit<HygieneBenchResult, 'pods' | 'objects'> {
  const hook = join(OUT, 'rss-hook-hygiene.mjs');
  const rssFile = join(OUT, 'rss-hygiene.txt');
  writeFileSync(
    hook,
    `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => { const u = process.resourceUsage(); writeFileSync(${JSON.stringify(rssFile)}, JSON.stringify({ rss: u.maxRSS, cpu: (u.userCPUTime + u.systemCPUTime) / 1e6 })); });\n`,
  );
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      hook,
      join(ROOT, 'src/cli/main.ts'),
      'hygiene',
      '--snapshot',
      file,
      '-o',
      'json',
      '--fail-on',
      'none',
      '--profile',
      'none',
    ],
    { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } },
  );
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`hygiene failed (${run.status}): ${run.stderr.slice(0, 2000)}`);
  const report = JSON.parse(run.stdout) as { findings: unknown[] };
  const usage = JSON.parse(readFileSync(rssFile, 'utf8')) as { rss: number; cpu: number };
  return { seconds, cpuSeconds: usage.cpu, peakRssMiB: usage.rss / 1024, findings: report.findings.length };
}

export function benchHygiene(sizes = [1000, 10000, 150000], keep = false): HygieneBenchResult[] {
  mkdirSync(OUT, { recursive: true });
  const results: HygieneBenchResult[] = [];
  for (const pods of sizes) {
    const objects = hygieneCluster(pods);
    const file = join(OUT, `hygiene-${pods}.json`);
    // As `shipshape snapshot` writes it: every built-in kind was read (so no check is skipped for want of a kind).
    const kindsRead = BUILTIN_RESOURCES.map((t) => t.kind);
    writeFileSync(
      file,
      JSON.stringify({
        apiVersion: 'shipshape.dev/v1alpha1',
        kind: 'Snapshot',
        metadata: { kindsRead },
        items: objects,
      }),
    );
    results.push({ pods, objects: objects.length, ...runCli(file) });
    if (!keep) rmSync(file, { force: true });
  }
  return results;
}

export function formatHygieneBench(results: readonly HygieneBenchResult[]): string {
  const rows = results.map(
    (r) =>
      `${String(r.pods).padStart(7)} pods  ${String(r.objects).padStart(7)} objects  ${r.seconds.toFixed(2).padStart(6)} s wall  ${r.cpuSeconds.toFixed(2).padStart(6)} s cpu  ${r.peakRssMiB.toFixed(0).padStart(5)} MiB  ${String(r.findings).padStart(6)} findings${r.pods >= 150000 ? (r.seconds < 30 ? '  (goal < 30 s: met)' : '  (goal < 30 s: MISSED)') : ''}`,
  );
  return [
    'shipshape hygiene --snapshot (synthetic clusters from bench/diagnose.ts + hygiene objects)',
    ...rows,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--sizes');
  const sizes = i === -1 ? undefined : args[i + 1]!.split(',').map(Number);
  console.log(formatHygieneBench(benchHygiene(sizes, args.includes('--keep'))));
}
