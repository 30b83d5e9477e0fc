// The known-answer scenarios of rightsize (expected values worked out in test/e2e/rightsize-history.test.ts):
// weekly peaks and single-sample memory spikes, a JVM start-up burst with an init container, a container
// throttled at its limit, an OOM kill, an HPA replay, thin and too-thin history, and the decoys of real cAdvisor
// data (pod-level and pause-container series, a duplicate scrape job).
import {
  addContainer,
  DAY,
  END,
  MiB,
  OpenMetrics,
  SCRAPE,
  START,
  STEP,
  sampleTimes,
  stepOf,
} from './rightsize-history.ts';

export const NS = 'truth';
export const OTHER_NS = 'other';

function owners(
  om: OpenMetrics,
  namespace: string,
  pod: string,
  rs: string,
  deployment: string,
  from: number,
  to: number,
): void {
  const every5m = (): [number, number][] => {
    const out: [number, number][] = [];
    for (let t = from + 30; t < to; t += STEP) out.push([t, 1]);
    return out;
  };
  om.add(
    'kube_pod_owner',
    'gauge',
    'kube_pod_owner',
    {
      job: 'kube-state-metrics',
      namespace,
      pod,
      owner_kind: 'ReplicaSet',
      owner_name: rs,
      owner_is_controller: 'true',
    },
    every5m(),
  );
  om.add(
    'kube_replicaset_owner',
    'gauge',
    'kube_replicaset_owner',
    {
      job: 'kube-state-metrics',
      namespace,
      replicaset: rs,
      owner_kind: 'Deployment',
      owner_name: deployment,
      pod: `rs-${pod}`,
    },
    every5m(),
  );
}

const weekday = (t: number) => new Date((t - STEP) * 1000).getUTCDay();
const hourOf = (t: number) => Math.floor(((((t - STEP) % DAY) + DAY) % DAY) / 3600);

/** A: weekly peaks (Mondays 09–17 at 0.8, Tue–Fri 09–17 at 0.4, else 0.1) and one memory spike per pod. */
export function webCpu(t: number): number {
  const h = hourOf(t);
  if (h >= 9 && h < 17) {
    const d = weekday(t);
    if (d === 1) return 0.8;
    if (d >= 2 && d <= 5) return 0.4;
  }
  return 0.1;
}

export const SPIKE_AT = START + 5 * DAY + 3 * 3600 + 150;

/** E: the HPA's load: 0.5 cores at night (00–08), 4.2 at midday (12–14), 1.4 else. */
export function shopLoad(t: number): number {
  const h = hourOf(t);
  if (h < 8) return 0.5;
  if (h >= 12 && h < 14) return 4.2;
  return 1.4;
}
export const shopReplicas = (t: number) => Math.min(10, Math.max(2, Math.ceil(shopLoad(t) / 0.35 - 1e-9)));

export const OOM_AT = START + 7 * DAY + 2 * 3600 + 120;

export function buildScenarios(): OpenMetrics {
  const om = new OpenMetrics();
  const before = START - DAY;
  // A: web (+ native sidecar proxy), two pods, duplicate scrape job on the app container.
  for (const [pod, spike] of [
    ['web-6d5f-aaaaa', 500],
    ['web-6d5f-bbbbb', 520],
  ] as const) {
    addContainer(
      om,
      {
        namespace: NS,
        pod,
        container: 'web',
        from: START,
        to: END,
        startedAt: before,
        cpu: webCpu,
        memory: (t) => (t === SPIKE_AT ? spike * MiB : 200 * MiB),
      },
      true,
    );
    addContainer(om, {
      namespace: NS,
      pod,
      container: 'proxy',
      from: START,
      to: END,
      startedAt: before,
      cpu: () => 0.02,
      memory: () => 50 * MiB,
    });
    // Decoys: the pod cgroup (container="") and the pause container, far bigger than any container.
    addContainer(om, {
      namespace: NS,
      pod,
      container: '',
      from: START,
      to: END,
      startedAt: before,
      cpu: () => 3,
      memory: () => 5000 * MiB,
    });
    addContainer(om, {
      namespace: NS,
      pod,
      container: 'POD',
      from: START,
      to: END,
      startedAt: before,
      cpu: () => 3,
      memory: () => 5000 * MiB,
    });
    owners(om, NS, pod, 'web-6d5f', 'web', START, END);
  }
  // B: jvm, four pods one after another; each start burns 2 cores for 5 minutes after a 5-minute init container.
  const jvm = [
    ['jvm-77c-00001', START, START + 4 * DAY],
    ['jvm-77c-00002', START + 4 * DAY, START + 8 * DAY],
    ['jvm-77c-00003', START + 8 * DAY, START + 12 * DAY],
    ['jvm-77c-00004', START + 12 * DAY, END],
  ] as const;
  for (const [pod, from, to] of jvm) {
    const startedAt = from === START ? before : from;
    addContainer(om, {
      namespace: NS,
      pod,
      container: 'app',
      from,
      to,
      startedAt,
      cpu: (t) => (startedAt === from && t === from + STEP ? 2 : 0.3),
      memory: (t) => (startedAt === from && t < from + STEP ? Math.round(1.2 * 1024 * MiB) : 1024 * MiB),
    });
    if (from !== START)
      addContainer(om, {
        namespace: NS,
        pod,
        container: 'warmup',
        from: from - STEP,
        to: from,
        startedAt: from - STEP,
        cpu: () => 0.5,
        memory: () => 100 * MiB,
      });
    owners(om, NS, pod, 'jvm-77c', 'jvm', from === START ? START : from - STEP, to);
  }
  // C: api, pinned at its 500m limit with 40% of periods throttled in 3 of every 10 steps.
  const throttledStep = (t: number) => ((t - START) / STEP) % 10 < 3;
  addContainer(om, {
    namespace: NS,
    pod: 'api-5b6-ccccc',
    container: 'api',
    from: START,
    to: END,
    startedAt: before,
    cpu: (t) => (throttledStep(t) ? 0.5 : 0.2),
    memory: () => 300 * MiB,
    throttled: (t) => (throttledStep(t) ? 0.4 : 0),
  });
  owners(om, NS, 'api-5b6-ccccc', 'api-5b6', 'api', START, END);
  // D: cache, OOM-killed at its 256 MiB limit (no kube_pod_owner: found by its name).
  const cachePod = 'cache-7c9d-abcde';
  const oomFrom = START + 7 * DAY;
  addContainer(om, {
    namespace: NS,
    pod: cachePod,
    container: 'cache',
    from: START,
    to: END,
    startedAt: (t) => (t > OOM_AT ? OOM_AT : before),
    cpu: () => 0.05,
    memory: (t) => {
      if (t < oomFrom || t > OOM_AT) return 200 * MiB;
      return Math.round(200 * MiB + (56 * MiB * (t - oomFrom)) / (OOM_AT - 30 - oomFrom));
    },
  });
  // The restart: cAdvisor's start time moves to the kill (replaces the constant one above for later samples).
  const ksm = { job: 'kube-state-metrics', namespace: NS, pod: cachePod, container: 'cache' };
  const times = [...sampleTimes(START, END)];
  om.add(
    'kube_pod_container_resource_limits',
    'gauge',
    'kube_pod_container_resource_limits',
    { ...ksm, resource: 'memory', unit: 'byte' },
    times.map((t) => [t, 256 * MiB]),
  );
  om.add(
    'kube_pod_container_status_restarts_total',
    'counter',
    'kube_pod_container_status_restarts_total',
    ksm,
    times.map((t) => [t, t > OOM_AT ? 1 : 0]),
  );
  om.add(
    'kube_pod_container_status_last_terminated_reason',
    'gauge',
    'kube_pod_container_status_last_terminated_reason',
    { ...ksm, reason: 'OOMKilled' },
    times.filter((t) => t > OOM_AT).map((t) => [t, 1]),
  );
  // E: shop, scaled by an HPA (70% CPU, 2–10 replicas at a 500m request): pod i runs while i < replicas.
  for (let i = 0; i < 10; i++) {
    const pod = `shop-5f6d7-p${i}`;
    const labels = { job: 'kubelet', namespace: NS, pod, container: 'shop' };
    const cpu: [number, number][] = [];
    const mem: [number, number][] = [];
    const start: [number, number][] = [];
    let counter = 0;
    for (let t = START + 30; t < END; t += SCRAPE) {
      const step = stepOf(t);
      if (i >= shopReplicas(step)) continue;
      const first = (t - 30) % STEP === 0;
      counter += (shopLoad(step) / shopReplicas(step)) * (first ? 30 : SCRAPE);
      cpu.push([t, counter]);
      mem.push([t, 300 * MiB]);
      start.push([t, before]);
    }
    om.add('container_cpu_usage_seconds', 'counter', 'container_cpu_usage_seconds_total', labels, cpu);
    om.add('container_memory_working_set_bytes', 'gauge', 'container_memory_working_set_bytes', labels, mem);
    om.add('container_start_time_seconds', 'gauge', 'container_start_time_seconds', labels, start);
    owners(om, NS, pod, 'shop-5f6d7', 'shop', START, END);
  }
  // F: 20 hours of history (only increases), and 2 hours (nothing).
  for (const [name, hours] of [
    ['newbie', 20],
    ['fresh', 2],
  ] as const) {
    const pod = `${name}-9f8-zzzzz`;
    addContainer(om, {
      namespace: NS,
      pod,
      container: name,
      from: END - hours * 3600,
      to: END,
      startedAt: END - hours * 3600,
      cpu: () => 0.1,
      memory: () => 100 * MiB,
    });
    owners(om, NS, pod, `${name}-9f8`, name, END - hours * 3600, END);
  }
  // Another namespace, for partial answers: a steady 0.2-core worker.
  addContainer(om, {
    namespace: OTHER_NS,
    pod: 'worker-1a2-qqqqq',
    container: 'worker',
    from: START,
    to: END,
    startedAt: before,
    cpu: () => 0.2,
    memory: () => 64 * MiB,
  });
  owners(om, OTHER_NS, 'worker-1a2-qqqqq', 'worker-1a2', 'worker', START, END);
  return om;
}

const deployment = (name: string, containers: string, extra = '', namespace = NS) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  replicas: 2
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
${extra}      containers:
${containers}`;

const container = (
  name: string,
  cpu: string,
  memory: string,
  limits = `limits: { memory: ${memory} }`,
) => `        - name: ${name}
          image: registry.example/${name}:1.0
          resources:
            # sized by hand in 2023
            requests: { cpu: ${cpu}, memory: ${memory} }
            ${limits}
`;

/** The manifests of the scenarios' workloads, as a team would keep them (comments included). */
export const MANIFESTS: Record<string, string> = {
  'web.yaml': deployment(
    'web',
    container('web', '1', '1Gi'),
    `      initContainers:
        - name: proxy
          image: registry.example/proxy:1.0
          restartPolicy: Always
          resources:
            requests:
              cpu: 100m # the proxy's vendor says so
              memory: 128Mi
            limits:
              memory: 128Mi
`,
  ),
  'jvm.yaml': deployment(
    'jvm',
    container('app', '1', '2Gi'),
    `      initContainers:
${container('warmup', '1', '512Mi').replace(/^ {8}/gm, '        ')}`,
  ),
  'api.yaml': deployment('api', container('api', '500m', '512Mi', 'limits: { cpu: 500m, memory: 512Mi }')),
  'cache.yaml': deployment('cache', container('cache', '60m', '256Mi')),
  'shop.yaml': `${deployment('shop', container('shop', '500m', '512Mi'))}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: shop
  namespace: ${NS}
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: shop }
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target: { type: Utilization, averageUtilization: 70 }
`,
  'newbie.yaml': deployment('newbie', container('newbie', '1', '1Gi')),
  'fresh.yaml': deployment('fresh', container('fresh', '1', '1Gi')),
  'worker.yaml': deployment('worker', container('worker', '1', '256Mi'), '', OTHER_NS),
};
