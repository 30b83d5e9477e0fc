import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KubeObject } from '../src/core/object.ts';
import {
  deployment,
  endpointSlice,
  event,
  list,
  node,
  type PodState,
  pod,
  replicaSetName,
  service,
} from '../src/testing/cluster-builders.ts';
import { measureCli } from './measure-cli.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', 'out');
const PODS_PER_DEPLOYMENT = 10;
const PODS_PER_NODE = 30;

export interface DiagnoseBenchResult {
  pods: number;
  nodes: number;
  objects: number;
  bytes: number;
  /** Wall-clock time of the CLI process. */
  seconds: number;
  /** CPU time (user + system) of the CLI process: what the machine's load does not inflate. */
  cpuSeconds: number;
  peakRssMiB: number;
  microsPerObject: number;
  findings: number;
  causes: number;
  pending: number;
  /** 1-minute load average when the run started: wall time on a shared machine means little without it. */
  load: number;
}

/** What each deployment's pods suffer from; 1 in 100 deployments of each kind (≈ 5% of pods broken). */
function stateOf(d: number): { state: PodState; broken: string } {
  switch (d % 100) {
    case 7:
      return { state: { kind: 'crashloop', restarts: 12 }, broken: 'crashloop' };
    case 19:
      return { state: { kind: 'image-pull' }, broken: 'image-pull' };
    case 31:
      return {
        state: { kind: 'config-error', message: `configmap "settings-${d % 7}" not found` },
        broken: 'config',
      };
    case 43:
    case 44:
      return { state: { kind: 'pending' }, broken: 'pending' };
    case 55:
      return { state: { kind: 'not-ready' }, broken: 'not-ready' };
    default:
      return { state: { kind: 'running' }, broken: '' };
  }
}

/** A cluster of `pods` pods in Deployments of ten, spread over nodes; 2% of pods Pending (too big to fit). */
export function syntheticCluster(pods: number): { objects: KubeObject[]; nodes: number; pending: number } {
  const nodes = Math.min(5000, Math.max(3, Math.ceil(pods / PODS_PER_NODE)));
  const objects: KubeObject[] = [];
  for (let n = 0; n < nodes; n++) {
    objects.push(
      node(`node-${n}`, {
        cpu: '16',
        memory: '64Gi',
        labels: { 'topology.kubernetes.io/zone': `zone-${n % 3}`, pool: n % 10 === 0 ? 'gpu' : 'general' },
        ...(n % 10 === 0
          ? { taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }] }
          : {}),
        ...(n === 1 ? { ready: 'Unknown' as const } : {}),
      }),
    );
  }
  const deployments = Math.ceil(pods / PODS_PER_DEPLOYMENT);
  let made = 0;
  let pending = 0;
  for (let d = 0; d < deployments && made < pods; d++) {
    const namespace = `team-${d % 50}`;
    const name = `app-${d}`;
    const { state, broken } = stateOf(d);
    const replicas = Math.min(PODS_PER_DEPLOYMENT, pods - made);
    const available = broken === '' ? replicas : 0;
    objects.push(...deployment(name, { namespace, replicas, available, cpu: '100m', memory: '128Mi' }));
    objects.push(service(name, namespace, { app: name }));
    const podNames: { name: string; ready: boolean }[] = [];
    for (let r = 0; r < replicas; r++, made++) {
      const podName = `${name}-7d9f8c6b5-${r.toString(36).padStart(5, 'x')}`;
      const p = pod(podName, {
        namespace,
        labels: { app: name },
        owner: { kind: 'ReplicaSet', name: replicaSetName(name) },
        nodeName: `node-${(made * 7) % nodes}`,
        // Pending pods ask for more than any node has: the scheduler explanation runs against every node.
        cpu: broken === 'pending' ? '32' : '100m',
        memory: '128Mi',
        state,
      });
      if (broken === 'pending') pending++;
      objects.push(p);
      podNames.push({ name: podName, ready: broken === '' });
      if (broken && r < 2) {
        objects.push(
          event(
            { kind: 'Pod', name: podName, namespace },
            'Warning',
            broken === 'pending' ? 'FailedScheduling' : 'BackOff',
            `synthetic ${broken}`,
            {
              count: 5,
            },
          ),
        );
      }
    }
    objects.push(endpointSlice(name, namespace, podNames));
  }
  return { objects, nodes, pending };
}

/** Runs the CLI in a fresh process; peak RSS comes from the child's own resource usage at exit. */
function runCli(file: string): {
  seconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
  findings: number;
  causes: number;
} {
  const { report, ...usage } = measureCli('diagnose', ['diagnose', '--snapshot', file]);
  return { ...usage, findings: report.findings.length, causes: report.causes?.length ?? 0 };
}

export function benchDiagnose(sizes = [1000, 10000, 150000], keep = false): DiagnoseBenchResult[] {
  mkdirSync(OUT, { recursive: true });
  const results: DiagnoseBenchResult[] = [];
  for (const pods of sizes) {
    const { objects, nodes, pending } = syntheticCluster(pods);
    const file = join(OUT, `diagnose-${pods}.json`);
    const text = JSON.stringify(list(objects));
    writeFileSync(file, text);
    const load = loadavg()[0] ?? 0;
    const run = runCli(file);
    results.push({
      pods,
      nodes,
      objects: objects.length,
      bytes: text.length,
      seconds: run.seconds,
      cpuSeconds: run.cpuSeconds,
      peakRssMiB: run.peakRssMiB,
      microsPerObject: (run.cpuSeconds * 1e6) / objects.length,
      findings: run.findings,
      causes: run.causes,
      pending,
      load,
    });
    if (!keep) rmSync(file, { force: true });
  }
  return results;
}

export function formatDiagnoseBench(results: readonly DiagnoseBenchResult[]): string {
  const lines = ['diagnose (CLI, --snapshot, fresh process each):'];
  const base = results[0]?.microsPerObject;
  for (const r of results) {
    lines.push(
      `  ${String(r.pods).padStart(7)} pods ${String(r.nodes).padStart(5)} nodes ${String(r.objects).padStart(7)} objects (${(r.bytes / 1024 / 1024).toFixed(0)} MiB, ${r.pending} Pending): ` +
        `${r.seconds.toFixed(2)} s wall, ${r.cpuSeconds.toFixed(2)} s CPU, peak RSS ${r.peakRssMiB.toFixed(0)} MiB, ${r.microsPerObject.toFixed(1)} µs CPU/object` +
        `${base ? ` (×${(r.microsPerObject / base).toFixed(2)} of the smallest)` : ''}, ${r.findings} findings in ${r.causes} causes, load ${r.load.toFixed(2)}`,
    );
  }
  return lines.join('\n');
}

/**
 * The CLI on a snapshot of one Namespace: Node start-up and module loading, the floor under every size above
 * (an empty snapshot is an input error, exit 2, since the empty-snapshot message).
 */
export function benchStartup(): { seconds: number; cpuSeconds: number; load: number } {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, 'diagnose-0.json');
  const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } };
  writeFileSync(file, JSON.stringify(list([namespace])));
  const load = loadavg()[0] ?? 0;
  const run = runCli(file);
  rmSync(file, { force: true });
  return { seconds: run.seconds, cpuSeconds: run.cpuSeconds, load };
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--sizes');
  const sizes = at >= 0 ? (args[at + 1] ?? '').split(',').map(Number) : [1000, 10000, 150000];
  const startup = benchStartup();
  console.log(formatDiagnoseBench(benchDiagnose(sizes, args.includes('--keep'))));
  console.log(
    `  start-up (one-Namespace snapshot): ${startup.seconds.toFixed(2)} s wall, ${startup.cpuSeconds.toFixed(2)} s CPU, load ${startup.load.toFixed(2)}`,
  );
}
