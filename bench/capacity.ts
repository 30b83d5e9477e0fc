// shipshape capacity on the diagnose benchmark's synthetic cluster (bench/diagnose.ts syntheticCluster: 150k pods
// on 5,000 nodes by default), from a snapshot, and side by side with a peer on the same objects in a real API
// server: kube-resource-report (PyPI, reads a live cluster only) — kube-capacity is not served by the Go module
// proxy (403, 2026-12-07), so it cannot be installed here. The live part runs when the test bed is up
// (npm run testbed:up) and bench/install-peers.sh installed kube-resource-report; it loads the nodes, namespaces
// and pods into the test bed (nodes kwok does not manage, pods bound by nodeName and tolerating the NotReady taints
// so nothing evicts them), measures both tools against it, then deletes what it loaded.
//   node bench/capacity.ts [--pods 150000] [--live-pods 150000] [--no-live] [--keep]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KubeObject } from '../src/core/object.ts';
import { list } from '../src/testing/cluster-builders.ts';
import { AdminApi, mapLimit } from '../test/truth/api.ts';
import { isTestbedUp, testbedKubeconfig } from '../testbed/scenarios.ts';
import { syntheticCluster } from './diagnose.ts';
import { measureCli } from './measure-cli.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', 'out');
const PEER = join(
  process.env.SHIPSHAPE_BENCH_CACHE ?? join(homedir(), '.cache', 'shipshape-bench'),
  'kube-resource-report-venv',
  'bin',
  'kube-resource-report',
);
const ZONE = 'topology.kubernetes.io/zone';

interface Run {
  what: string;
  seconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
  note: string;
}

export interface CapacityBenchResult {
  pods: number;
  nodes: number;
  objects: number;
  bytes: number;
  load: number;
  runs: Run[];
  notes: string[];
}

/** One Deployment at 0 replicas with a zone spread constraint: the headroom that is simulated pod by pod. */
function spreadWorkload(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'spread-web', namespace: 'team-0' },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: 'spread-web' } },
      template: {
        metadata: { labels: { app: 'spread-web' } },
        spec: {
          containers: [
            { name: 'web', image: 'web:1', resources: { requests: { cpu: '500m', memory: '1Gi' } } },
          ],
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: ZONE,
              whenUnsatisfiable: 'DoNotSchedule',
              labelSelector: { matchLabels: { app: 'spread-web' } },
            },
          ],
        },
      },
    },
  };
}

function shipshape(what: string, args: string[]): Run & { report: Record<string, unknown> } {
  const m = measureCli(`capacity-${what.replace(/\W+/g, '-')}`, ['capacity', ...args], ['-o', 'json']);
  const report = m.report as unknown as Record<string, unknown>;
  const headroom = report.headroom as { pods: number; simulated: boolean; truncated?: boolean } | undefined;
  return {
    what: `shipshape capacity ${what}`,
    seconds: m.seconds,
    cpuSeconds: m.cpuSeconds,
    peakRssMiB: m.peakRssMiB,
    note: headroom
      ? `headroom ${headroom.pods} pods${headroom.simulated ? ' (simulated)' : ''}${headroom.truncated ? ' (truncated)' : ''}`
      : '',
    report,
  };
}

export async function benchCapacity(
  options: { pods?: number; livePods?: number; live?: boolean; keep?: boolean } = {},
): Promise<CapacityBenchResult> {
  mkdirSync(OUT, { recursive: true });
  const pods = options.pods ?? 150_000;
  const { objects, nodes } = syntheticCluster(pods);
  objects.push(spreadWorkload());
  const file = join(OUT, `capacity-${pods}.json`);
  const text = JSON.stringify(list(objects));
  writeFileSync(file, text);
  const result: CapacityBenchResult = {
    pods,
    nodes,
    objects: objects.length,
    bytes: text.length,
    load: loadavg()[0] ?? 0,
    runs: [],
    notes: [],
  };
  try {
    result.runs.push(shipshape('--snapshot (no --pod-size)', ['--snapshot', file]));
    result.runs.push(
      shipshape('--snapshot --pod-size cpu=500m,memory=1Gi', [
        '--snapshot',
        file,
        '--pod-size',
        'cpu=500m,memory=1Gi',
      ]),
    );
    result.runs.push(
      shipshape('--snapshot --pod-size deployment/spread-web (zone spread)', [
        '--snapshot',
        file,
        '--pod-size',
        'deployment/spread-web',
        '-n',
        'team-0',
      ]),
    );
  } finally {
    if (!options.keep) rmSync(file, { force: true });
  }
  if (options.live === false) result.notes.push('live side by side: skipped (--no-live)');
  else if (!isTestbedUp())
    result.notes.push('live side by side: skipped, the test bed is not up (npm run testbed:up)');
  else if (!existsSync(PEER))
    result.notes.push(
      `live side by side: skipped, kube-resource-report not installed (${PEER}; bash bench/install-peers.sh)`,
    );
  else await sideBySide(options.livePods ?? pods, result);
  return result;
}

const PREFIX = 'capbench-';

/** The synthetic cluster's nodes, namespaces and pods as objects an API server accepts, in their own namespaces. */
function loadable(pods: number): { nodes: KubeObject[]; namespaces: string[]; pods: KubeObject[] } {
  const { objects } = syntheticCluster(pods);
  const out = { nodes: [] as KubeObject[], namespaces: new Set<string>(), pods: [] as KubeObject[] };
  const tolerateNotReady = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'].map((key) => ({
    key,
    operator: 'Exists',
    effect: 'NoExecute',
  }));
  for (const o of objects) {
    if (o.kind === 'Node') {
      out.nodes.push({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name: PREFIX + o.metadata.name,
          labels: { ...o.metadata.labels, 'capacity.shipshape.dev/bench': 'true' },
        },
        spec: o.spec ?? {},
        status: {
          allocatable: (o.status as { allocatable: unknown }).allocatable,
          capacity: (o.status as { capacity: unknown }).capacity,
        },
      } as KubeObject);
    } else if (o.kind === 'Pod') {
      const spec = o.spec as Record<string, unknown>;
      const namespace = PREFIX + o.metadata.namespace;
      out.namespaces.add(namespace);
      out.pods.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: o.metadata.name, namespace, labels: o.metadata.labels ?? {} },
        spec: {
          ...spec,
          nodeName: PREFIX + String(spec.nodeName),
          tolerations: [...((spec.tolerations as unknown[]) ?? []), ...tolerateNotReady],
        },
      } as KubeObject);
    }
  }
  return { nodes: out.nodes, namespaces: [...out.namespaces], pods: out.pods };
}

function timed(
  command: string,
  args: string[],
): { seconds: number; cpuSeconds: number; peakRssMiB: number; status: number | null; stderr: string } {
  const started = performance.now();
  const run = spawnSync('/usr/bin/time', ['-f', '__TIME__ %U %S %M', command, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const seconds = (performance.now() - started) / 1000;
  const match = /__TIME__ ([\d.]+) ([\d.]+) (\d+)/.exec(run.stderr);
  return {
    seconds,
    cpuSeconds: match ? Number(match[1]) + Number(match[2]) : Number.NaN,
    peakRssMiB: match ? Number(match[3]) / 1024 : Number.NaN,
    status: run.status,
    stderr: run.stderr,
  };
}

async function sideBySide(pods: number, result: CapacityBenchResult): Promise<void> {
  const kubeconfig = testbedKubeconfig();
  const api = await AdminApi.connect(kubeconfig, 'admin', 16);
  const data = loadable(pods);
  const started = performance.now();
  const post = async (path: string, body: KubeObject) => {
    const r = await api.request('POST', path, body, 120_000);
    if (r.status >= 300 && r.status !== 409)
      throw new Error(`POST ${path}: ${r.status} ${r.text.slice(0, 300)}`);
  };
  try {
    for (const ns of data.namespaces)
      await post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    await mapLimit(data.nodes, 16, (n) => post('/api/v1/nodes', n));
    // Running, as a kubelet would report them: the peer counts the requests of running pods only.
    await mapLimit(data.pods, 16, async (p) => {
      await post(`/api/v1/namespaces/${p.metadata.namespace}/pods`, p);
      await api.request(
        'PATCH',
        `/api/v1/namespaces/${p.metadata.namespace}/pods/${p.metadata.name}/status`,
        {
          status: { phase: 'Running' },
        },
      );
    });
    result.notes.push(
      `live: loaded ${data.nodes.length} nodes and ${data.pods.length} pods into the test bed in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
    const live = shipshape('live (test bed)', ['--kubeconfig', kubeconfig, '--no-progress']);
    result.runs.push(live);
    const outDir = mkdtempSync(join(tmpdir(), 'kube-resource-report-'));
    try {
      const peer = timed(PEER, [
        '--kubeconfig-path',
        kubeconfig,
        '--kubeconfig-contexts',
        'admin',
        '--no-ingress-status',
        outDir,
      ]);
      let note =
        peer.status === 0 ? '' : `failed (${peer.status}): ${peer.stderr.split('\n').slice(-3).join(' ')}`;
      if (peer.status === 0) {
        const rows = readFileSync(join(outDir, 'clusters.tsv'), 'utf8')
          .trim()
          .split('\n')
          .map((l) => l.split('\t'));
        const header = rows[0] ?? [];
        const cpu = rows[1]?.[header.indexOf('CPU Requests')];
        const ours = (live.report.cluster as { requested: { cpu?: number } }).requested.cpu ?? 0;
        note = `cluster CPU requests ${cpu} cores (shipshape: ${(ours / 1000).toFixed(1)} cores over the whole test bed)`;
      }
      result.runs.push({ what: 'kube-resource-report 21.2.1 (live, test bed)', ...peer, note });
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  } finally {
    for (const ns of data.namespaces)
      await api.request('DELETE', `/api/v1/namespaces/${ns}`).catch(() => undefined);
    await api
      .request('DELETE', '/api/v1/nodes?labelSelector=capacity.shipshape.dev%2Fbench%3Dtrue')
      .catch(() => undefined);
  }
}

export function formatCapacityBench(r: CapacityBenchResult): string {
  const lines = [
    `capacity on ${r.pods} pods, ${r.nodes} nodes, ${r.objects} objects (${(r.bytes / 1024 / 1024).toFixed(0)} MiB snapshot), load ${r.load.toFixed(2)} at start:`,
  ];
  for (const run of r.runs)
    lines.push(
      `  ${run.what}: ${run.seconds.toFixed(2)} s wall, ${run.cpuSeconds.toFixed(2)} s CPU, peak RSS ${run.peakRssMiB.toFixed(0)} MiB${run.note ? `; ${run.note}` : ''}`,
    );
  for (const note of r.notes) lines.push(`  ${note}`);
  return lines.join('\n');
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const value = (flag: string) => {
    const at = args.indexOf(flag);
    return at >= 0 ? Number(args[at + 1]) : undefined;
  };
  const pods = value('--pods');
  const livePods = value('--live-pods');
  console.log(
    formatCapacityBench(
      await benchCapacity({
        ...(pods ? { pods } : {}),
        ...(livePods ? { livePods } : {}),
        live: !args.includes('--no-live'),
        keep: args.includes('--keep'),
      }),
    ),
  );
}
