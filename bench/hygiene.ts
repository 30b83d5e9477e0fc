import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KubeObject } from '../src/core/object.ts';
import { BUILTIN_RESOURCES } from '../src/sources/cluster/resources.ts';
import { configMap, minutesBefore, T0 } from '../src/testing/cluster-builders.ts';
import { syntheticCluster } from './diagnose.ts';
import { measureCli } from './measure-cli.ts';

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
  const { report, ...usage } = measureCli('hygiene', ['hygiene', '--snapshot', file, '--profile', 'none']);
  return { ...usage, findings: report.findings.length };
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
