// Scheduler truth: unschedulable pods that exercise kube-scheduler's default filters are created on the test bed;
// the real scheduler's FailedScheduling event (the part before " preemption:") must equal shipshape's
// explanation (`explainScheduling(...).summary` of src/k8s/scheduling.ts) computed from the cluster as
// shipshape's live source reads it (ClusterClient + loadCluster): same reasons, same node counts.
//
// What it creates, all removed afterwards: namespace truth-sched-<run>, and four fake nodes (kwok-managed) that carry
// the taint truth.shipshape.dev/isolated=true:NoSchedule so that nobody else's pods land on them:
//   truth-node-small     1 cpu, 2Gi, pods: 1, holding one pod with hostPort 8080 (so it is full)
//   truth-node-cordoned  spec.unschedulable
//   truth-node-gpu       a second taint truth.shipshape.dev/gpu=a100:NoExecute, label truth.shipshape.dev/pool=gpu
//   truth-node-spare     nothing else (fits what tolerates the isolation taint)
// plus the unschedulable scenarios of testbed/scenarios.ts (too large, nodeSelector, taint) in truth- namespaces.

import { ObjectIndex } from '../../src/core/index.ts';
import type { KubeObject, LoadedObject } from '../../src/core/object.ts';
import { explainScheduling, schedulerReasons } from '../../src/k8s/scheduling.ts';
import { ClusterClient } from '../../src/sources/cluster/client.ts';
import { loadCluster } from '../../src/sources/cluster/load-cluster.ts';
import { BUILTIN_RESOURCES } from '../../src/sources/cluster/resources.ts';
import * as scenarios from '../../testbed/scenarios.ts';
import { type AdminApi, ensureNamespace, mapLimit, RUN_ID, sleep, statusMessage } from './api.ts';
import { emptyResult, type TruthResult } from './types.ts';

export const SCHED_NAMESPACE = `truth-sched-${RUN_ID}`;
const ISOLATED = { key: 'truth.shipshape.dev/isolated', value: 'true', effect: 'NoSchedule' };
const TOLERATE_ISOLATED = [{ key: ISOLATED.key, operator: 'Equal', value: 'true', effect: 'NoSchedule' }];
const ROLE = 'truth.shipshape.dev/role';

type Obj = Record<string, unknown>;

interface NodePlan {
  name: string;
  role: string;
  allocatable?: Record<string, string>;
  unschedulable?: boolean;
  taints?: { key: string; value: string; effect: string }[];
  labels?: Record<string, string>;
}

export const TRUTH_NODES: NodePlan[] = [
  { name: 'truth-node-small', role: 'small', allocatable: { cpu: '1', memory: '2Gi', pods: '1' } },
  { name: 'truth-node-cordoned', role: 'cordoned', unschedulable: true },
  {
    name: 'truth-node-gpu',
    role: 'gpu',
    taints: [{ key: 'truth.shipshape.dev/gpu', value: 'a100', effect: 'NoExecute' }],
    labels: { 'truth.shipshape.dev/pool': 'gpu', 'truth.shipshape.dev/generation': '3' },
  },
  { name: 'truth-node-spare', role: 'spare', labels: { 'truth.shipshape.dev/generation': '2' } },
];

function nodeObject(plan: NodePlan): Obj {
  const allocatable = plan.allocatable ?? { cpu: '8', memory: '32Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: plan.name,
      annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: {
        [scenarios.MANAGED_NODE_LABEL]: 'true',
        'kubernetes.io/hostname': plan.name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        [ROLE]: plan.role,
        ...plan.labels,
      },
    },
    spec: {
      ...(plan.unschedulable ? { unschedulable: true } : {}),
      taints: [ISOLATED, ...(plan.taints ?? [])],
    },
    status: { allocatable, capacity: allocatable },
  };
}

function container(
  name: string,
  requests: Record<string, string> = { cpu: '10m', memory: '16Mi' },
  extra: Obj = {},
): Obj {
  return { name, image: 'registry.k8s.io/pause:3.10', resources: { requests }, ...extra };
}

function pod(name: string, spec: Obj): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: SCHED_NAMESPACE, labels: { 'truth.shipshape.dev/case': name } },
    spec: { terminationGracePeriodSeconds: 0, containers: [container('app')], ...spec },
  };
}

const onRole = (role: string) => ({ nodeSelector: { [ROLE]: role } });

/** The unschedulable pods, each exercising one or more filters. */
export const CASES: { name: string; what: string; spec: Obj; before?: Obj[] }[] = [
  {
    name: 'too-large',
    what: 'NodeResourcesFit on every node (cpu and memory), cordon, untolerated NoExecute taint, full node',
    spec: { tolerations: TOLERATE_ISOLATED, containers: [container('app', { cpu: '64', memory: '512Gi' })] },
  },
  {
    name: 'selector-matches-nothing',
    what: 'NodeAffinity via nodeSelector; isolation taint and cordon first on our nodes',
    spec: { nodeSelector: { 'node.kubernetes.io/instance-type': 'truth.none' } },
  },
  {
    name: 'gpu-taint-not-tolerated',
    what: 'TaintToleration (NoExecute) on the only node the selector picks',
    spec: { tolerations: TOLERATE_ISOLATED, ...onRole('gpu') },
  },
  {
    name: 'cordoned-only',
    what: 'NodeUnschedulable',
    spec: { tolerations: TOLERATE_ISOLATED, ...onRole('cordoned') },
  },
  {
    name: 'cordon-tolerated-too-large',
    what: 'a toleration of everything (operator Exists, no key) passes cordon and taints; resources still fail',
    spec: {
      tolerations: [{ operator: 'Exists' }],
      containers: [container('app', { cpu: '100', memory: '1Ti' })],
    },
  },
  {
    name: 'too-many-pods',
    what: 'NodeResourcesFit: pods allocatable 1, one pod already bound',
    spec: { tolerations: TOLERATE_ISOLATED, ...onRole('small') },
  },
  {
    name: 'host-port-taken',
    what: 'NodePorts before NodeResourcesFit',
    spec: {
      tolerations: TOLERATE_ISOLATED,
      ...onRole('small'),
      containers: [container('app', undefined, { ports: [{ containerPort: 8080, hostPort: 8080 }] })],
    },
  },
  {
    name: 'init-container-too-large',
    what: 'effective requests: the largest init container counts',
    spec: {
      tolerations: TOLERATE_ISOLATED,
      ...onRole('spare'),
      initContainers: [container('init', { cpu: '20', memory: '16Mi' })],
    },
  },
  {
    name: 'sidecar-adds-up',
    what: 'effective requests: restartable init containers (sidecars) add to the app containers',
    spec: {
      tolerations: TOLERATE_ISOLATED,
      ...onRole('spare'),
      initContainers: [container('sidecar', { cpu: '5', memory: '16Mi' }, { restartPolicy: 'Always' })],
      containers: [container('app', { cpu: '4', memory: '16Mi' })],
    },
  },
  {
    name: 'affinity-gt',
    what: 'required node affinity with the Gt operator',
    spec: {
      tolerations: [{ key: 'truth.shipshape.dev/gpu', operator: 'Exists' }, ...TOLERATE_ISOLATED],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchExpressions: [{ key: 'truth.shipshape.dev/generation', operator: 'Gt', values: ['5'] }],
              },
            ],
          },
        },
      },
    },
  },
  {
    name: 'affinity-node-name-absent',
    what: 'required node affinity on metadata.name (matchFields) naming no node',
    spec: {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['truth-node-absent'] }] },
            ],
          },
        },
      },
    },
  },
  {
    name: 'affinity-node-name-cordoned',
    what: 'required node affinity on metadata.name (matchFields) naming the cordoned node',
    spec: {
      tolerations: TOLERATE_ISOLATED,
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['truth-node-cordoned'] }] },
            ],
          },
        },
      },
    },
  },
  {
    name: 'extended-resource',
    what: 'NodeResourcesFit: an extended resource no node advertises',
    spec: {
      tolerations: TOLERATE_ISOLATED,
      containers: [
        container('app', undefined, {
          resources: {
            requests: { cpu: '10m', 'example.com/fpga': '1' },
            limits: { 'example.com/fpga': '1' },
          },
        }),
      ],
    },
  },
  {
    name: 'ephemeral-storage',
    what: 'NodeResourcesFit: more ephemeral-storage than any node has (kwok nodes 100Gi, ours none)',
    spec: {
      tolerations: TOLERATE_ISOLATED,
      containers: [container('app', { cpu: '10m', 'ephemeral-storage': '200Gi' })],
    },
  },
  {
    name: 'pvc-missing-class',
    what: 'VolumeBinding: unbound PVC whose StorageClass does not exist (immediate binding)',
    before: [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data-missing-class', namespace: SCHED_NAMESPACE },
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: 'truth-no-such-class',
          resources: { requests: { storage: '1Gi' } },
        },
      },
    ],
    spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-missing-class' } }] },
  },
  {
    name: 'pvc-absent',
    what: 'VolumeBinding: the claim does not exist',
    spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'truth-no-such-claim' } }] },
  },
];

/** The filler pod bound straight to the small node (no scheduler): takes its one pod slot and hostPort 8080. */
function filler(): Obj {
  return pod('filler', {
    nodeName: 'truth-node-small',
    tolerations: TOLERATE_ISOLATED,
    containers: [
      container('app', { cpu: '100m', memory: '64Mi' }, { ports: [{ containerPort: 8080, hostPort: 8080 }] }),
    ],
  });
}

interface EventLike {
  message?: string;
  lastTimestamp?: string;
  eventTime?: string;
  series?: { lastObservedTime?: string };
  metadata?: { creationTimestamp?: string };
}

function when(e: EventLike): string {
  return e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? '';
}

/**
 * The newest FailedScheduling message for a pod, reduced to the filter verdict: v1.34 appends the PostFilter
 * plugins' messages after it (DRA's "no new claims to deallocate," then " preemption: ..."; after a PreFilter
 * rejection just ". not found"), so cutting at " preemption:" alone is not enough.
 */
async function latestFailedScheduling(
  api: AdminApi,
  namespace: string,
  podName: string,
): Promise<string | undefined> {
  const selector = encodeURIComponent(`involvedObject.name=${podName},reason=FailedScheduling`);
  const list = (await api.getJson(`/api/v1/namespaces/${namespace}/events?fieldSelector=${selector}`)) as {
    items?: EventLike[];
  };
  const items = [...(list.items ?? [])].sort((a, b) => when(a).localeCompare(when(b)));
  const message = items.at(-1)?.message;
  return message === undefined ? undefined : schedulerReasons(message);
}

async function must(api: AdminApi, method: string, path: string, body?: unknown): Promise<void> {
  const r = await api.request(method, path, body);
  if (r.status >= 300 && !(method === 'DELETE' && r.status === 404))
    throw new Error(`${method} ${path}: ${r.status} ${statusMessage(r)}`);
}

async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(500);
  }
}

/** The same pod as if it were still Pending (its binding removed), so it is judged like the scheduler judged it. */
function unbound(pod: LoadedObject): LoadedObject {
  const object = structuredClone(pod.object) as KubeObject & { spec?: { nodeName?: string } };
  if (object.spec) delete object.spec.nodeName;
  return { object, ref: pod.ref };
}

export async function deleteTruthNodes(api: AdminApi): Promise<void> {
  await mapLimit(TRUTH_NODES, 4, (n) => api.request('DELETE', `/api/v1/nodes/${n.name}`));
}

export async function schedulerTruth(
  api: AdminApi,
  kubeconfig: string,
  createdNamespaces: Set<string>,
  cleanups: (() => Promise<void>)[],
): Promise<TruthResult> {
  const started = performance.now();
  const out = emptyResult('scheduler');
  // Nodes: a leftover from an interrupted run is replaced.
  cleanups.push(() => deleteTruthNodes(api));
  await deleteTruthNodes(api);
  await waitUntil('leftover truth nodes gone', async () => {
    const gone = await mapLimit(
      TRUTH_NODES,
      4,
      async (n) => (await api.get(`/api/v1/nodes/${n.name}`)).status === 404,
    );
    return gone.every(Boolean);
  });
  for (const plan of TRUTH_NODES) await must(api, 'POST', '/api/v1/nodes', nodeObject(plan));
  await waitUntil('truth nodes Ready without the not-ready taint', async () => {
    const ready = await mapLimit(TRUTH_NODES, 4, async (plan) => {
      const node = (await api.getJson(`/api/v1/nodes/${plan.name}`)) as {
        spec?: { taints?: { key: string }[]; unschedulable?: boolean };
        status?: { conditions?: { type: string; status: string }[] };
      };
      const taints = node.spec?.taints ?? [];
      return (
        node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true &&
        !taints.some((t) => t.key.startsWith('node.kubernetes.io/not-ready')) &&
        // the node-lifecycle controller taints cordoned nodes; wait for it so both sides see the same node
        (!plan.unschedulable || taints.some((t) => t.key === 'node.kubernetes.io/unschedulable'))
      );
    });
    return ready.every(Boolean);
  });

  createdNamespaces.add(SCHED_NAMESPACE);
  await ensureNamespace(api, SCHED_NAMESPACE);
  await waitUntil(
    `ServiceAccount default in ${SCHED_NAMESPACE}`,
    async () =>
      (await api.get(`/api/v1/namespaces/${SCHED_NAMESPACE}/serviceaccounts/default`)).status === 200,
  );
  await must(api, 'POST', `/api/v1/namespaces/${SCHED_NAMESPACE}/pods`, filler());
  await waitUntil('the filler pod Running', async () => {
    const p = (await api.getJson(`/api/v1/namespaces/${SCHED_NAMESPACE}/pods/filler`)) as {
      status?: { phase?: string };
    };
    return p.status?.phase === 'Running';
  });
  for (const c of CASES)
    for (const o of c.before ?? [])
      await must(api, 'POST', `/api/v1/namespaces/${SCHED_NAMESPACE}/persistentvolumeclaims`, o);
  for (const c of CASES)
    await must(api, 'POST', `/api/v1/namespaces/${SCHED_NAMESPACE}/pods`, pod(c.name, c.spec));

  const targets: { namespace: string; pod: string; what: string }[] = CASES.map((c) => ({
    namespace: SCHED_NAMESPACE,
    pod: c.name,
    what: c.what,
  }));
  // The scenario library's unschedulable pods, in namespaces of our own.
  const library: [string, (ns: string) => Promise<scenarios.ScenarioResult>][] = [
    ['scenario unschedulableTooLarge', (ns) => scenarios.unschedulableTooLarge(ns)],
    ['scenario unschedulableNodeSelector', (ns) => scenarios.unschedulableNodeSelector(ns)],
    ['scenario unschedulableTaint', (ns) => scenarios.unschedulableTaint(ns)],
  ];
  for (const [what, run] of library) {
    const ns = `${SCHED_NAMESPACE}-${what.split(' ')[1]!.replace('unschedulable', '').toLowerCase()}`;
    createdNamespaces.add(ns);
    await ensureNamespace(api, ns);
    await waitUntil(
      `ServiceAccount default in ${ns}`,
      async () => (await api.get(`/api/v1/namespaces/${ns}/serviceaccounts/default`)).status === 200,
    );
    try {
      const result = await run(ns);
      cleanups.push(result.cleanup);
      targets.push({ namespace: ns, pod: String(result.facts.pod), what });
    } catch (error) {
      out.notApplicable++;
      out.notes.push(`scheduler ${what}: the scenario failed (${(error as Error).message})`);
    }
  }

  // Wait for every pod's FailedScheduling, then compare; a disagreement is re-read (fresh event and fresh
  // cluster) a few times, so that a node someone else changed in between is not blamed on us.
  const events = new Map<string, string>();
  const bound = async (t: { namespace: string; pod: string }) => {
    const p = (await api.getJson(`/api/v1/namespaces/${t.namespace}/pods/${t.pod}`)) as {
      spec?: { nodeName?: string };
    };
    return p.spec?.nodeName;
  };
  try {
    await waitUntil(
      'a FailedScheduling event (or a binding) for every truth pod',
      async () => {
        for (const t of targets) {
          const key = `${t.namespace}/${t.pod}`;
          if (events.has(key)) continue;
          const message = await latestFailedScheduling(api, t.namespace, t.pod);
          if (message) events.set(key, message);
          else {
            const nodeName = await bound(t);
            if (nodeName) events.set(key, `scheduled to ${nodeName}`);
          }
        }
        return events.size === targets.length;
      },
      60_000,
    );
  } catch {
    for (const t of targets)
      if (!events.has(`${t.namespace}/${t.pod}`))
        out.notes.push(
          `scheduler ${t.namespace}/${t.pod}: neither FailedScheduling nor a binding within 60 s`,
        );
  }
  const client = await ClusterClient.connect({ kubeconfig });
  const pending = new Map(targets.map((t) => [`${t.namespace}/${t.pod}`, t]));
  const verdicts = new Map<string, { ours: string; theirs: string }>();
  for (let attempt = 0; attempt < 3 && pending.size > 0; attempt++) {
    if (attempt > 0) await sleep(3000);
    const loaded = await loadCluster(client, BUILTIN_RESOURCES, {});
    const index = new ObjectIndex(loaded.objects, { partial: false });
    for (const [key, t] of [...pending]) {
      const theirs =
        (await latestFailedScheduling(api, t.namespace, t.pod)) ?? events.get(key) ?? '(no event)';
      const loadedPod = index.get('Pod', t.namespace, t.pod);
      // A pod the scheduler bound was schedulable: we agree when we find at least one feasible node for it,
      // judging it unbound (its own requests still count on its node, which only matters for a tight fit).
      const scheduled = theirs.startsWith('scheduled to ');
      const ours = !loadedPod
        ? '(pod not read)'
        : explainScheduling(index, scheduled ? unbound(loadedPod) : loadedPod).summary;
      verdicts.set(key, { ours, theirs });
      if (scheduled ? !ours.startsWith('0/') : ours === theirs) pending.delete(key);
    }
  }
  for (const t of targets) {
    const key = `${t.namespace}/${t.pod}`;
    const v = verdicts.get(key)!;
    if (!pending.has(key)) {
      out.agree++;
      out.notes.push(`scheduler ${key} (${t.what}): agree: ${v.theirs}`);
    } else {
      out.disagree++;
      out.disagreements.push(
        `scheduler ${key} (${t.what}):\n    kube-scheduler: ${v.theirs}\n    shipshape:      ${v.ours}`,
      );
    }
  }
  out.milliseconds = performance.now() - started;
  return out;
}
