// Live: `shipshape capacity` headroom against the real kube-scheduler of the test bed (testbed/README.md). For each
// pod shape (a Deployment at 0 replicas), shipshape predicts N more pods fit; the Deployment is scaled to N+1 and
// the real scheduler must bind exactly N and leave one Pending (FailedScheduling). The nodes are this run's own
// kwok nodes, tainted so nobody else's pods land there: sizes, max pods, a second taint, a cordon and zones vary.
// Also: the node accounting (init containers, sidecars) and snapshot mode give the same report as live mode.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CapacityReport } from '../../src/capacity/report.ts';
import {
  apply,
  createTestNamespace,
  deleteNamespace,
  getJson,
  kubectl,
  MANAGED_NODE_LABEL,
  type Obj,
  testbedKubeconfig,
  testbedSkipReason,
  waitFor,
} from '../../testbed/scenarios.ts';
import { runCli } from '../support/cli.ts';

const skip = await testbedSkipReason();
const RUN = Date.now().toString(36).slice(-5);
const RUN_LABEL = 'capacity.shipshape.dev/run';
const ISOLATION = { key: RUN_LABEL, value: RUN, effect: 'NoSchedule' };
const TOLERATE = [{ key: RUN_LABEL, operator: 'Equal', value: RUN, effect: 'NoSchedule' }];
const ZONE = 'topology.kubernetes.io/zone';

interface NodePlan {
  name: string;
  cpu: string;
  memory: string;
  pods: string;
  zone: string;
  taints?: { key: string; value: string; effect: string }[];
  cordoned?: boolean;
}

const NODES: NodePlan[] = [
  { name: `cap-${RUN}-a`, cpu: '2', memory: '4Gi', pods: '110', zone: `za-${RUN}` },
  { name: `cap-${RUN}-b`, cpu: '4', memory: '2Gi', pods: '110', zone: `za-${RUN}` },
  { name: `cap-${RUN}-c`, cpu: '8', memory: '16Gi', pods: '3', zone: `zb-${RUN}` },
  {
    name: `cap-${RUN}-d`,
    cpu: '4',
    memory: '8Gi',
    pods: '110',
    zone: `zc-${RUN}`,
    taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }],
  },
  { name: `cap-${RUN}-e`, cpu: '4', memory: '8Gi', pods: '110', zone: `zb-${RUN}`, cordoned: true },
];

function nodeObject(plan: NodePlan): Obj {
  const allocatable = { cpu: plan.cpu, memory: plan.memory, pods: plan.pods };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: plan.name,
      annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: {
        [MANAGED_NODE_LABEL]: 'true',
        [RUN_LABEL]: RUN,
        'kubernetes.io/hostname': plan.name,
        'kubernetes.io/os': 'linux',
        [ZONE]: plan.zone,
      },
    },
    spec: { ...(plan.cordoned ? { unschedulable: true } : {}), taints: [ISOLATION, ...(plan.taints ?? [])] },
    status: { allocatable, capacity: allocatable },
  };
}

const container = (name: string, requests: Record<string, string>, extra: Obj = {}): Obj => ({
  name,
  image: 'registry.k8s.io/pause:3.10',
  resources: { requests },
  ...extra,
});

/** A Deployment at 0 replicas whose pods go only to this run's nodes. */
function deployment(ns: string, name: string, spec: Obj): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          terminationGracePeriodSeconds: 0,
          nodeSelector: { [RUN_LABEL]: RUN },
          tolerations: TOLERATE,
          containers: [container('app', { cpu: '500m', memory: '512Mi' })],
          ...spec,
        },
      },
    },
  };
}

/** The shapes, with what the scheduler's rules make of them on the nodes above (checked against it, not assumed). */
const SHAPES: { name: string; what: string; spec: Obj; expected: number }[] = [
  { name: 'plain', what: 'resources, max pods, untolerated taint, cordon', spec: {}, expected: 8 },
  {
    name: 'tolerates-batch',
    expected: 9,
    what: 'a second taint tolerated; a node too small for one pod',
    spec: {
      tolerations: [
        ...TOLERATE,
        { key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'NoSchedule' },
      ],
      containers: [container('app', { cpu: '1', memory: '1Gi' })],
    },
  },
  {
    name: 'zone-spread',
    expected: 2,
    what: 'zone spread, maxSkew 1: the tainted zone counts as an empty domain (nodeTaintsPolicy Ignore)',
    spec: {
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: ZONE,
          whenUnsatisfiable: 'DoNotSchedule',
          labelSelector: { matchLabels: { app: 'zone-spread' } },
        },
      ],
    },
  },
  {
    name: 'zone-spread-honor',
    expected: 7,
    what: 'zone spread honouring taints: domains fill evenly until the small one is full, then one more',
    spec: {
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: ZONE,
          whenUnsatisfiable: 'DoNotSchedule',
          nodeTaintsPolicy: 'Honor',
          labelSelector: { matchLabels: { app: 'zone-spread-honor' } },
        },
      ],
    },
  },
  {
    name: 'anti-affinity',
    expected: 3,
    what: 'required anti-affinity with itself per hostname',
    spec: {
      containers: [container('app', { cpu: '100m', memory: '64Mi' })],
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            {
              topologyKey: 'kubernetes.io/hostname',
              labelSelector: { matchLabels: { app: 'anti-affinity' } },
            },
          ],
        },
      },
    },
  },
  {
    name: 'pod-level',
    expected: 5,
    what: 'pod-level resources (KEP-2837) instead of the container sums',
    spec: {
      resources: { requests: { cpu: '1', memory: '1Gi' } },
      containers: [container('app', { cpu: '100m', memory: '64Mi' })],
    },
  },
  {
    name: 'zone-affinity-memory',
    expected: 3,
    what: 'node affinity to one zone, memory binds',
    spec: {
      containers: [container('app', { cpu: '100m', memory: '1536Mi' })],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE, operator: 'In', values: [`za-${RUN}`] }] }],
          },
        },
      },
    },
  },
];

async function capacityJson(args: string[]): Promise<CapacityReport> {
  const run = await runCli(['capacity', '-o', 'json', '--no-progress', ...args]);
  try {
    return JSON.parse(run.stdout) as CapacityReport;
  } catch {
    throw new Error(`capacity ${args.join(' ')} printed no JSON (exit ${run.status}): ${run.stderr}`);
  }
}

/** Scales to `replicas` and waits until every pod is bound or marked Unschedulable by the scheduler. */
async function settle(
  ns: string,
  name: string,
  replicas: number,
): Promise<{ bound: number; unschedulable: Obj[] }> {
  await kubectl(['-n', ns, 'scale', `deployment/${name}`, `--replicas=${replicas}`]);
  return waitFor(
    `${replicas} pods of ${name} bound or Unschedulable`,
    async () => {
      const pods = ((await getJson(['-n', ns, 'get', 'pods', '-l', `app=${name}`])).items ?? []) as Obj[];
      const live = pods.filter((p) => !p.metadata.deletionTimestamp);
      if (live.length !== replicas) return undefined;
      const bound = live.filter((p) => p.spec.nodeName).length;
      const unschedulable = live.filter((p) =>
        (p.status?.conditions ?? []).some(
          (c: Obj) => c.type === 'PodScheduled' && c.reason === 'Unschedulable',
        ),
      );
      return bound + unschedulable.length === replicas ? { bound, unschedulable } : undefined;
    },
    90_000,
  );
}

async function gone(ns: string, name: string): Promise<void> {
  await kubectl(['-n', ns, 'delete', 'deployment', name, '--wait=false']);
  await waitFor(
    `pods of ${name} gone`,
    async () => {
      const pods = (await getJson(['-n', ns, 'get', 'pods', '-l', `app=${name}`])).items ?? [];
      return pods.length === 0;
    },
    90_000,
  );
}

describe('capacity against the real scheduler', { skip, timeout: 900_000 }, () => {
  let ns = '';
  const kubeconfig = testbedKubeconfig();
  const dir = mkdtempSync(join(tmpdir(), 'capacity-live-'));

  before(async () => {
    ns = await createTestNamespace('cap');
    await apply(NODES.map(nodeObject));
    // The node lifecycle controller taints the cordoned node (node.kubernetes.io/unschedulable) and kwok makes
    // them Ready: wait for both, as the scheduler sees them.
    await waitFor(
      "this run's nodes Ready",
      async () => {
        const nodes = ((await getJson(['get', 'nodes', '-l', `${RUN_LABEL}=${RUN}`])).items ?? []) as Obj[];
        return (
          nodes.length === NODES.length &&
          nodes.every((n) =>
            (n.status?.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True'),
          )
        );
      },
      90_000,
    );
    // One pod already on node a whose effective request is its init phase: sidecar 250m + init 1 cpu = 1250m.
    await apply([
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'resident', namespace: ns, labels: { app: 'resident' } },
        spec: {
          nodeName: NODES[0]!.name,
          terminationGracePeriodSeconds: 0,
          tolerations: TOLERATE,
          initContainers: [
            container('sidecar', { cpu: '250m', memory: '256Mi' }, { restartPolicy: 'Always' }),
            container('init', { cpu: '1', memory: '64Mi' }),
          ],
          containers: [container('app', { cpu: '250m', memory: '256Mi' })],
        },
      },
    ]);
    await waitFor(
      'resident pod Running',
      async () => (await getJson(['-n', ns, 'get', 'pod', 'resident'])).status?.phase === 'Running',
      60_000,
    );
    await apply(SHAPES.map((s) => deployment(ns, s.name, s.spec)));
  });

  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (ns) await deleteNamespace(ns).catch(() => undefined);
    for (const n of NODES)
      await kubectl(['delete', 'node', n.name, '--ignore-not-found', '--wait=false']).catch(() => undefined);
  });

  it('counts a pod with a sidecar and a larger init container as the scheduler does', async () => {
    const report = await capacityJson(['--kubeconfig', kubeconfig]);
    const a = report.nodes.find((n) => n.name === NODES[0]!.name)!;
    assert.equal(a.requested.cpu, 1250);
    assert.equal(a.requested.memory, 512 * 1024 * 1024);
    assert.equal(a.allocatable?.cpu, 2000);
    assert.equal(a.pods, 1);
    const e = report.nodes.find((n) => n.name === NODES[4]!.name)!;
    assert.equal(e.schedulable, false);
  });

  it('snapshot mode gives the same report as live mode', async () => {
    const file = join(dir, 'snap.json');
    const snap = await runCli(['snapshot', '--kubeconfig', kubeconfig, '--output', file, '--no-progress']);
    assert.equal(snap.status, 0, snap.stderr);
    const args = ['--pod-size', 'deployment/plain', '-n', ns];
    const live = await capacityJson(['--kubeconfig', kubeconfig, ...args]);
    const offline = await capacityJson(['--snapshot', file, ...args]);
    const mine = (r: CapacityReport) => ({
      nodes: r.nodes.filter((n) => n.name.startsWith(`cap-${RUN}`)),
      namespace: r.namespaces.find((n) => n.name === ns),
      headroom: r.headroom,
    });
    assert.deepEqual(mine(offline), mine(live));
  });

  it('a node list it may not read: says so, shows namespaces and quotas, exit 2', async () => {
    // A service account that may list pods, namespaces, quotas and limit ranges cluster-wide, but not nodes.
    const role = `capacity-no-nodes-${RUN}`;
    await apply([
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'reader', namespace: ns } },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: role },
        rules: [
          {
            apiGroups: ['', 'apps', 'batch'],
            resources: ['pods', 'namespaces', 'resourcequotas', 'limitranges', 'deployments'],
            verbs: ['get', 'list'],
          },
        ],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: role },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
        subjects: [{ kind: 'ServiceAccount', name: 'reader', namespace: ns }],
      },
    ]);
    try {
      const token = (await kubectl(['-n', ns, 'create', 'token', 'reader'])).trim();
      const admin = JSON.parse(
        await kubectl(['config', 'view', '--raw', '-o', 'json', '--minify', '--context', 'admin']),
      );
      const cluster = admin.clusters[0];
      const config = join(dir, 'reader.kubeconfig');
      writeFileSync(
        config,
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'Config',
          clusters: [cluster],
          users: [{ name: 'reader', user: { token } }],
          contexts: [{ name: 'reader', context: { cluster: cluster.name, user: 'reader' } }],
          'current-context': 'reader',
        }),
      );
      const run = await runCli(['capacity', '--kubeconfig', config, '--no-progress']);
      assert.equal(run.status, 2, run.stderr);
      assert.match(
        run.stdout,
        /error: Node objects could not be read \(forbidden by RBAC\): the node, pool, headroom and stranded views are empty/,
      );
      assert.match(run.stdout, new RegExp(`\\n  ${ns} +\\(none\\) +1 +0 +1\\.25`));
    } finally {
      await kubectl(['delete', 'clusterrole,clusterrolebinding', role, '--ignore-not-found']).catch(
        () => undefined,
      );
    }
  });

  it('quota: the recount equals the quota controller’s status.used; quota headroom M = M admitted, then refused', async () => {
    const qns = await createTestNamespace('capq');
    try {
      await apply([
        {
          apiVersion: 'v1',
          kind: 'LimitRange',
          metadata: { name: 'defaults', namespace: qns },
          spec: {
            limits: [{ type: 'Container', default: { memory: '256Mi' }, defaultRequest: { cpu: '300m' } }],
          },
        },
        {
          apiVersion: 'v1',
          kind: 'ResourceQuota',
          metadata: { name: 'compute', namespace: qns },
          spec: { hard: { 'requests.cpu': '2', 'limits.memory': '4Gi', pods: '10' } },
        },
      ]);
      // The quota controller fills status.hard before admission counts against it.
      await waitFor(
        'quota status.hard',
        async () => (await getJson(['-n', qns, 'get', 'resourcequota', 'compute'])).status?.hard,
      );
      const template = (name: string, extra: Obj = {}) => ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: qns, labels: { app: 'q' } },
        spec: {
          nodeSelector: { [RUN_LABEL]: RUN },
          tolerations: TOLERATE,
          terminationGracePeriodSeconds: 0,
          // No resources: the LimitRange gives each container 300m cpu and a 256Mi memory limit.
          containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10' }],
          ...extra,
        },
      });
      // One with a sidecar: charged 600m (sidecar + app) and 512Mi of limits.
      await apply([
        template('q-0'),
        template('q-1', {
          initContainers: [{ name: 'proxy', image: 'registry.k8s.io/pause:3.10', restartPolicy: 'Always' }],
        }),
      ]);
      await apply([
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'q', namespace: qns },
          spec: {
            replicas: 0,
            selector: { matchLabels: { app: 'q' } },
            template: { metadata: { labels: { app: 'q' } }, spec: template('x').spec },
          },
        },
      ]);
      const used = await waitFor('quota status.used counts both pods', async () => {
        const q = await getJson(['-n', qns, 'get', 'resourcequota', 'compute']);
        return q.status?.used?.pods === '2' ? q.status.used : undefined;
      });
      const report = await capacityJson([
        '--kubeconfig',
        kubeconfig,
        '--pod-size',
        'deployment/q',
        '-n',
        qns,
      ]);
      const row = report.quotas.find((q) => q.namespace === qns)!;
      assert.deepEqual(row.used, used);
      assert.deepEqual(row.computed, { 'requests.cpu': 900, 'limits.memory': 768 * 1024 * 1024, pods: 2 });
      assert.equal(used['requests.cpu'], '900m');
      assert.equal(used['limits.memory'], '768Mi');
      // (2000m - 900m) / 300m = 3 more.
      const m = report.headroom!.quota!.pods;
      assert.equal(m, 3);
      for (let i = 0; i < m; i++) await apply([template(`more-${i}`)]);
      await assert.rejects(apply([template('one-too-many')]), /exceeded quota: compute/);
    } finally {
      await deleteNamespace(qns).catch(() => undefined);
      // Its pods sit on this run's nodes: the headroom tests below must not count them while they terminate
      // (on a loaded machine they outlived the namespace delete call and took four of plain's eight slots).
      await waitFor(
        'the quota test’s pods gone',
        async () => ((await getJson(['-n', qns, 'get', 'pods'])).items ?? []).length === 0,
        90_000,
      ).catch(() => undefined);
    }
  });

  for (const shape of SHAPES) {
    it(`headroom for ${shape.name} (${shape.what}) = what the scheduler binds`, async (t) => {
      const report = await capacityJson([
        '--kubeconfig',
        kubeconfig,
        '--pod-size',
        `deployment/${shape.name}`,
        '-n',
        ns,
      ]);
      const predicted = report.headroom!.pods;
      t.diagnostic(`predicted ${predicted}: ${JSON.stringify(report.headroom!.limitedBy)}`);
      // The hand count says the scenario exercises what it claims; the scheduler below is the judge.
      assert.equal(predicted, shape.expected, JSON.stringify(report.headroom));
      const { bound, unschedulable } = await settle(ns, shape.name, predicted + 1);
      const events = unschedulable.length
        ? (
            (
              await getJson([
                '-n',
                ns,
                'get',
                'events',
                '--field-selector',
                `involvedObject.name=${unschedulable[0]!.metadata.name}`,
              ])
            ).items ?? []
          )
            .map((e: Obj) => e.message)
            .join(' | ')
        : '';
      assert.equal(bound, predicted, `shipshape said ${predicted}, the scheduler bound ${bound}; ${events}`);
      assert.equal(unschedulable.length, 1);
      await gone(ns, shape.name);
    });
  }
});
