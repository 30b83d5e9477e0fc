// Scenario library for live tests against the shipshape test bed (`npm run testbed:up`).
//
// Locating the test bed:
//   testbedKubeconfig()  -> path of the kubeconfig up.sh wrote (.testbed/kubeconfig, or
//                           $SHIPSHAPE_TESTBED_KUBECONFIG). Contexts: admin (default), viewer,
//                           ns-editor (edit in namespace "shipshape-team" only), faulty, faulty-viewer.
//   isTestbedUp()        -> cheap synchronous check (kubeconfig present, apiserver process alive);
//                           live suites skip with a clear message when it is false.
//   testbedReady()       -> async: asks the apiserver's /readyz.
//   kubectl(args, opts)  -> runs the kubectl built with the test bed (same version as the server).
//
// Every scenario creates a realistic broken state in the namespace it is given, waits (polling,
// with a timeout) until the state is observable through the API, and returns what it created
// plus the facts a test should expect. Make a fresh namespace per test with createTestNamespace().
// Scenarios that touch cluster-scoped objects (nodes) return a cleanup() to undo that.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { selfSignedCert } from "./x509.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const FAULT_ANNOTATION = "testbed.shipshape.dev/fault";
export const SCENARIO_LABEL = "testbed.shipshape.dev/scenario";
export const MANAGED_NODE_LABEL = "testbed.shipshape.dev/managed";
/** Namespace in which the ns-editor user may edit (and nowhere else). */
export const TEAM_NAMESPACE = "shipshape-team";

// ---------------------------------------------------------------------------------------------
// Locating and talking to the test bed

export function testbedDir(): string {
  return process.env.SHIPSHAPE_TESTBED_DIR ?? path.join(HERE, "..", ".testbed");
}

export function testbedKubeconfig(): string {
  return process.env.SHIPSHAPE_TESTBED_KUBECONFIG ?? path.join(testbedDir(), "kubeconfig");
}

function readEnvFile(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(file)) return out;
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m?.[1] !== undefined && m[2] !== undefined) out[m[1]] = m[2];
  }
  return out;
}

/** Versions pinned in testbed/versions.env (K8S_VERSION, ETCD_VERSION, KWOK_VERSION). */
export function testbedVersions(): Record<string, string> {
  return readEnvFile(path.join(HERE, "versions.env"));
}

/** Ports of the running test bed (APISERVER_PORT, FAULT_PROXY_PORT, ...), empty when down. */
export function testbedPorts(): Record<string, string> {
  return readEnvFile(path.join(testbedDir(), "ports.env"));
}

/** The kubectl built alongside the control plane (matches the server version); falls back to PATH. */
export function kubectlPath(): string {
  const v = testbedVersions().K8S_VERSION;
  const cache = process.env.SHIPSHAPE_TESTBED_CACHE ?? path.join(os.homedir(), ".cache", "shipshape-testbed");
  const built = v ? path.join(cache, `k8s-${v}`, "kubectl") : "";
  return built && fs.existsSync(built) ? built : "kubectl";
}

/** True when up.sh has written the kubeconfig and the kube-apiserver it started is alive. */
export function isTestbedUp(): boolean {
  if (process.env.SHIPSHAPE_TESTBED_KUBECONFIG) return fs.existsSync(process.env.SHIPSHAPE_TESTBED_KUBECONFIG);
  const kc = testbedKubeconfig();
  const pidFile = path.join(testbedDir(), "pids", "kube-apiserver.pid");
  if (!fs.existsSync(kc) || !fs.existsSync(pidFile)) return false;
  const pid = Number(fs.readFileSync(pidFile, "utf8").trim());
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Asks the apiserver's /readyz (false when the test bed is down or not ready). */
/** Why live tests must skip (test bed down or not ready), or false when they can run. */
export async function testbedSkipReason(): Promise<string | false> {
  if (!isTestbedUp()) return "test bed not up: run `npm run testbed:up` (testbed/README.md)";
  if (!(await testbedReady())) return "test bed API server not ready (/readyz)";
  return false;
}

export async function testbedReady(): Promise<boolean> {
  if (!isTestbedUp()) return false;
  try {
    return (await kubectl(["get", "--raw", "/readyz"], { timeoutMs: 5000 })).trim() === "ok";
  } catch {
    return false;
  }
}

export interface KubectlOptions {
  context?: string;
  namespace?: string;
  input?: string;
  timeoutMs?: number;
  kubeconfig?: string;
}

export class KubectlError extends Error {
  readonly stderr: string;
  readonly args: string[];
  constructor(args: string[], stderr: string) {
    super(`kubectl ${args.join(" ")} failed: ${stderr.trim()}`);
    this.stderr = stderr;
    this.args = args;
  }
}

export function kubectl(args: string[], opts: KubectlOptions = {}): Promise<string> {
  const full = ["--kubeconfig", opts.kubeconfig ?? testbedKubeconfig()];
  if (opts.context) full.push("--context", opts.context);
  if (opts.namespace) full.push("--namespace", opts.namespace);
  full.push(...args);
  return new Promise((resolve, reject) => {
    const child = execFile(kubectlPath(), full, { timeout: opts.timeoutMs ?? 30000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new KubectlError(args, stderr || err.message));
      else resolve(stdout);
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/** kubectl apply of objects given as JS values (serialised as a JSON List). */
export async function apply(objects: object[], opts: KubectlOptions = {}): Promise<void> {
  await kubectl(["apply", "-f", "-"], { ...opts, input: JSON.stringify({ apiVersion: "v1", kind: "List", items: objects }) });
}

// biome-ignore lint/suspicious/noExplicitAny: API objects are dynamic JSON
export type Obj = any;

export async function getJson(args: string[], opts: KubectlOptions = {}): Promise<Obj> {
  return JSON.parse(await kubectl([...args, "-o", "json"], opts));
}

/** Polls `probe` until it returns a value other than undefined/false, or throws after timeoutMs. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60000, everyMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ""}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

let nsCounter = 0;
/** Creates a uniquely named namespace (labelled as a test namespace) and returns its name. */
export async function createTestNamespace(prefix = "t"): Promise<string> {
  const name = `${prefix}-${process.pid.toString(36)}-${Date.now().toString(36)}-${(nsCounter++).toString(36)}`.slice(0, 63);
  await apply([{ apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { [SCENARIO_LABEL]: "namespace" } } }]);
  await waitFor(`ServiceAccount default in ${name}`, async () => (await getJson(["-n", name, "get", "serviceaccount", "default"])).metadata?.name);
  return name;
}

export async function deleteNamespace(name: string): Promise<void> {
  await kubectl(["delete", "namespace", name, "--wait=false", "--ignore-not-found"]);
}

// ---------------------------------------------------------------------------------------------
// Scenario results

export interface ObjectRef {
  kind: string;
  name: string;
  namespace?: string;
}

export interface ScenarioResult {
  scenario: string;
  namespace: string;
  objects: ObjectRef[];
  /** Scenario-specific observed facts (reasons, messages, node names...). */
  facts: Record<string, unknown>;
  /** Undo changes outside the namespace (nodes, taints, finalizers). Always safe to call. */
  cleanup: () => Promise<void>;
}

const noop = async (): Promise<void> => {};

function labels(scenario: string, app: string): Record<string, string> {
  return { app, [SCENARIO_LABEL]: scenario };
}

function deployment(ns: string, name: string, scenario: string, podSpec: Obj, podAnnotations: Record<string, string> = {}, replicas = 1): Obj {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: ns, labels: labels(scenario, name) },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: labels(scenario, name), annotations: podAnnotations }, spec: podSpec },
    },
  };
}

function container(name: string, image: string, extra: Obj = {}): Obj {
  return { name, image, resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "128Mi" } }, ...extra };
}

async function podsOf(ns: string, app: string): Promise<Obj[]> {
  return (await getJson(["-n", ns, "get", "pods", "-l", `app=${app}`])).items as Obj[];
}

async function waitPodWaitingReason(ns: string, app: string, reason: string, timeoutMs: number): Promise<Obj> {
  return waitFor(`a pod of ${ns}/${app} with a container waiting with reason ${reason}`, async () => {
    const pods = await podsOf(ns, app);
    return pods.find((p) => (p.status?.containerStatuses ?? []).some((c: Obj) => c.state?.waiting?.reason === reason));
  }, timeoutMs);
}

export interface ScenarioOptions {
  name?: string;
  timeoutMs?: number;
}

// ---------------------------------------------------------------------------------------------
// Broken workloads (kwok Stages in testbed/stages/faults.yaml turn the annotations into status)

/** A Deployment whose container keeps crashing: Running pod, waiting CrashLoopBackOff, lastState terminated Error. */
export async function crashLoop(ns: string, o: ScenarioOptions & { restarts?: number; exitCode?: number } = {}): Promise<ScenarioResult> {
  const name = o.name ?? "crashloop";
  await apply([deployment(ns, name, "crashloop", { containers: [container("app", "ghcr.io/shipshape/crasher:1.0.0")] }, {
    [FAULT_ANNOTATION]: "crashloop",
    "testbed.shipshape.dev/restarts": String(o.restarts ?? 7),
    "testbed.shipshape.dev/exit-code": String(o.exitCode ?? 1),
  })]);
  const pod = await waitPodWaitingReason(ns, name, "CrashLoopBackOff", o.timeoutMs ?? 60000);
  return {
    scenario: "crashloop", namespace: ns, cleanup: noop,
    objects: [{ kind: "Deployment", name, namespace: ns }, { kind: "Pod", name: pod.metadata.name, namespace: ns }],
    facts: { pod: pod.metadata.name, reason: "CrashLoopBackOff", lastTerminationReason: "Error", exitCode: o.exitCode ?? 1, restarts: o.restarts ?? 7 },
  };
}

/** A Deployment whose container is OOM-killed over and over (lastState terminated OOMKilled, exit 137). */
export async function oomKilled(ns: string, o: ScenarioOptions & { restarts?: number } = {}): Promise<ScenarioResult> {
  const name = o.name ?? "oomkilled";
  await apply([deployment(ns, name, "oomkilled", {
    containers: [container("app", "ghcr.io/shipshape/memory-hog:1.0.0", { resources: { requests: { cpu: "50m", memory: "32Mi" }, limits: { memory: "32Mi" } } })],
  }, { [FAULT_ANNOTATION]: "oomkilled", "testbed.shipshape.dev/restarts": String(o.restarts ?? 4) })]);
  const pod = await waitPodWaitingReason(ns, name, "CrashLoopBackOff", o.timeoutMs ?? 60000);
  return {
    scenario: "oomkilled", namespace: ns, cleanup: noop,
    objects: [{ kind: "Deployment", name, namespace: ns }, { kind: "Pod", name: pod.metadata.name, namespace: ns }],
    facts: { pod: pod.metadata.name, reason: "CrashLoopBackOff", lastTerminationReason: "OOMKilled", exitCode: 137, memoryLimit: "32Mi" },
  };
}

/**
 * A Deployment whose image cannot be pulled. Any image whose registry host ends in ".invalid" or
 * whose tag is "does-not-exist" fails (no annotation needed); reason ImagePullBackOff or ErrImagePull.
 */
export async function imagePullFailure(ns: string, o: ScenarioOptions & { image?: string; reason?: "ImagePullBackOff" | "ErrImagePull" } = {}): Promise<ScenarioResult> {
  const name = o.name ?? "badimage";
  const image = o.image ?? "registry.invalid/shipshape/app:1.4.2";
  const reason = o.reason ?? "ImagePullBackOff";
  await apply([deployment(ns, name, "image-pull", { containers: [container("app", image)] }, {
    [FAULT_ANNOTATION]: "image-pull", "testbed.shipshape.dev/waiting-reason": reason,
  })]);
  const pod = await waitPodWaitingReason(ns, name, reason, o.timeoutMs ?? 60000);
  return {
    scenario: "image-pull", namespace: ns, cleanup: noop,
    objects: [{ kind: "Deployment", name, namespace: ns }, { kind: "Pod", name: pod.metadata.name, namespace: ns }],
    facts: { pod: pod.metadata.name, reason, image },
  };
}

/** A Deployment with a readiness probe that never passes, behind a Service (which then has no ready endpoints). */
export async function readinessFailure(ns: string, o: ScenarioOptions = {}): Promise<ScenarioResult> {
  const name = o.name ?? "unready";
  await apply([
    deployment(ns, name, "readiness", {
      containers: [container("app", "ghcr.io/shipshape/web:2.3.1", {
        ports: [{ containerPort: 8080, name: "http" }],
        readinessProbe: { httpGet: { path: "/healthz", port: 8080 }, periodSeconds: 5, failureThreshold: 3 },
      })],
    }, { [FAULT_ANNOTATION]: "unready" }),
    { apiVersion: "v1", kind: "Service", metadata: { name, namespace: ns, labels: labels("readiness", name) }, spec: { selector: { app: name }, ports: [{ port: 80, targetPort: "http" }] } },
  ]);
  const pod = await waitFor(`a Running, not-Ready pod of ${ns}/${name}`, async () => {
    const pods = await podsOf(ns, name);
    return pods.find((p) => p.status?.phase === "Running" && (p.status.conditions ?? []).some((c: Obj) => c.type === "Ready" && c.status === "False"));
  }, o.timeoutMs ?? 60000);
  await waitFor(`EndpointSlice of ${ns}/${name} listing the pod as not ready`, async () => {
    const slices = (await getJson(["-n", ns, "get", "endpointslices", "-l", `kubernetes.io/service-name=${name}`])).items as Obj[];
    return slices.some((s) => (s.endpoints ?? []).some((e: Obj) => e.conditions?.ready === false));
  }, o.timeoutMs ?? 60000);
  return {
    scenario: "readiness", namespace: ns, cleanup: noop,
    objects: [{ kind: "Deployment", name, namespace: ns }, { kind: "Service", name, namespace: ns }, { kind: "Pod", name: pod.metadata.name, namespace: ns }],
    facts: { pod: pod.metadata.name, service: name, probe: "httpGet /healthz:8080" },
  };
}

/** A Deployment that references a ConfigMap which does not exist (CreateContainerConfigError). */
export async function missingConfigMap(ns: string, o: ScenarioOptions & { configMap?: string } = {}): Promise<ScenarioResult> {
  const name = o.name ?? "needs-config";
  const cm = o.configMap ?? `${name}-settings`;
  await apply([deployment(ns, name, "missing-configmap", {
    containers: [container("app", "ghcr.io/shipshape/api:3.0.0", { envFrom: [{ configMapRef: { name: cm } }] })],
  }, { [FAULT_ANNOTATION]: "config-error", "testbed.shipshape.dev/fault-message": `configmap "${cm}" not found` })]);
  const pod = await waitPodWaitingReason(ns, name, "CreateContainerConfigError", o.timeoutMs ?? 60000);
  return {
    scenario: "missing-configmap", namespace: ns, cleanup: noop,
    objects: [{ kind: "Deployment", name, namespace: ns }, { kind: "Pod", name: pod.metadata.name, namespace: ns }],
    facts: { pod: pod.metadata.name, reason: "CreateContainerConfigError", missingConfigMap: cm },
  };
}

/** A Service whose selector matches no pod (a Deployment with a near-miss label runs beside it). */
export async function serviceWithoutEndpoints(ns: string, o: ScenarioOptions = {}): Promise<ScenarioResult> {
  const name = o.name ?? "orphan-svc";
  await apply([
    deployment(ns, `${name}-backend`, "service-no-endpoints", { containers: [container("app", "ghcr.io/shipshape/web:2.3.1", { ports: [{ containerPort: 8080 }] })] }),
    { apiVersion: "v1", kind: "Service", metadata: { name, namespace: ns, labels: labels("service-no-endpoints", name) }, spec: { selector: { app: `${name}-backnd` }, ports: [{ port: 80, targetPort: 8080 }] } },
  ]);
  await waitFor(`the backend of ${ns}/${name} Running`, async () => (await podsOf(ns, `${name}-backend`)).some((p) => p.status?.phase === "Running"), o.timeoutMs ?? 60000);
  await waitFor(`an empty EndpointSlice for ${ns}/${name}`, async () => {
    const slices = (await getJson(["-n", ns, "get", "endpointslices", "-l", `kubernetes.io/service-name=${name}`])).items as Obj[];
    return slices.length > 0 && slices.every((s) => (s.endpoints ?? []).length === 0);
  }, o.timeoutMs ?? 60000);
  return {
    scenario: "service-no-endpoints", namespace: ns, cleanup: noop,
    objects: [{ kind: "Service", name, namespace: ns }, { kind: "Deployment", name: `${name}-backend`, namespace: ns }],
    facts: { service: name, selector: { app: `${name}-backnd` }, nearMissLabel: { app: `${name}-backend` } },
  };
}

// ---------------------------------------------------------------------------------------------
// Unschedulable pods: the real kube-scheduler decides and reports FailedScheduling

async function waitFailedScheduling(ns: string, pod: string, timeoutMs: number): Promise<Obj> {
  return waitFor(`a FailedScheduling event for ${ns}/${pod}`, async () => {
    const ev = (await getJson(["-n", ns, "get", "events", "--field-selector", `involvedObject.name=${pod},reason=FailedScheduling`])).items as Obj[];
    return ev[ev.length - 1];
  }, timeoutMs);
}

function pendingPod(ns: string, name: string, scenario: string, spec: Obj): Obj {
  return { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: ns, labels: labels(scenario, name) }, spec: { ...spec } };
}

async function unschedulableResult(ns: string, name: string, scenario: string, timeoutMs: number, facts: Record<string, unknown>, cleanup = noop): Promise<ScenarioResult> {
  const ev = await waitFailedScheduling(ns, name, timeoutMs);
  const pod = await getJson(["-n", ns, "get", "pod", name]);
  const cond = (pod.status?.conditions ?? []).find((c: Obj) => c.type === "PodScheduled");
  return {
    scenario, namespace: ns, cleanup,
    objects: [{ kind: "Pod", name, namespace: ns }],
    facts: { ...facts, pod: name, phase: pod.status?.phase, eventMessage: ev.message, conditionReason: cond?.reason, conditionMessage: cond?.message },
  };
}

/** A pod requesting more CPU and memory than any node has (nodes: 8 CPU, 32Gi). */
export async function unschedulableTooLarge(ns: string, o: ScenarioOptions & { cpu?: string; memory?: string } = {}): Promise<ScenarioResult> {
  const name = o.name ?? "too-large";
  const cpu = o.cpu ?? "64";
  const memory = o.memory ?? "512Gi";
  await apply([pendingPod(ns, name, "unschedulable-resources", { containers: [container("app", "ghcr.io/shipshape/batch:1.0.0", { resources: { requests: { cpu, memory }, limits: { memory } } })] })]);
  return unschedulableResult(ns, name, "unschedulable-resources", o.timeoutMs ?? 60000, { cpu, memory });
}

/** A pod whose nodeSelector matches no node. */
export async function unschedulableNodeSelector(ns: string, o: ScenarioOptions & { selector?: Record<string, string> } = {}): Promise<ScenarioResult> {
  const name = o.name ?? "no-matching-node";
  const selector = o.selector ?? { "node.kubernetes.io/instance-type": "gpu.xlarge" };
  await apply([pendingPod(ns, name, "unschedulable-selector", { nodeSelector: selector, containers: [container("app", "ghcr.io/shipshape/trainer:1.0.0")] })]);
  return unschedulableResult(ns, name, "unschedulable-selector", o.timeoutMs ?? 60000, { nodeSelector: selector });
}

/**
 * A pod that can only go to nodes carrying a taint it does not tolerate: `taintNodes` nodes get
 * the taint dedicated=<value>:NoSchedule and the label testbed.shipshape.dev/pool=<value>; the pod
 * selects that pool. cleanup() removes taint and label.
 */
export async function unschedulableTaint(ns: string, o: ScenarioOptions & { taintNodes?: number; value?: string } = {}): Promise<ScenarioResult> {
  const name = o.name ?? "untolerated";
  const value = o.value ?? `gpu-${Date.now().toString(36)}`;
  const all = ((await getJson(["get", "nodes", "-l", `${MANAGED_NODE_LABEL}=true`])).items as Obj[]).map((n) => n.metadata.name as string);
  const nodes = all.slice(0, Math.max(1, Math.min(o.taintNodes ?? 2, all.length)));
  if (nodes.length === 0) throw new Error("unschedulableTaint needs at least one test-bed node");
  for (const n of nodes) {
    await kubectl(["taint", "nodes", n, `dedicated=${value}:NoSchedule`, "--overwrite"]);
    await kubectl(["label", "nodes", n, `testbed.shipshape.dev/pool=${value}`, "--overwrite"]);
  }
  const cleanup = async (): Promise<void> => {
    for (const n of nodes) {
      await kubectl(["taint", "nodes", n, "dedicated-"]).catch(() => undefined);
      await kubectl(["label", "nodes", n, "testbed.shipshape.dev/pool-"]).catch(() => undefined);
    }
  };
  try {
    await apply([pendingPod(ns, name, "unschedulable-taint", {
      nodeSelector: { "testbed.shipshape.dev/pool": value }, containers: [container("app", "ghcr.io/shipshape/trainer:1.0.0")],
    })]);
    return await unschedulableResult(ns, name, "unschedulable-taint", o.timeoutMs ?? 60000, { taint: { key: "dedicated", value, effect: "NoSchedule" }, taintedNodes: nodes, totalNodes: all.length }, cleanup);
  } catch (e) {
    await cleanup();
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Nodes

/**
 * A node whose "kubelet" stops heartbeating: a dedicated fake node is created, becomes Ready, then
 * leaves kwok's management (label testbed.shipshape.dev/managed=false) so its Lease is no longer
 * renewed; the real node-lifecycle controller marks it Ready=Unknown (NodeStatusUnknown) and taints
 * it node.kubernetes.io/unreachable. A pod bound to it shows what happens to workloads.
 * cleanup() deletes the node.
 */
export async function notReadyNode(ns: string, o: ScenarioOptions = {}): Promise<ScenarioResult> {
  const node = o.name ?? `lost-node-${Date.now().toString(36)}`;
  const timeoutMs = o.timeoutMs ?? 150000; // grace period is 20 s (60 s above 100 nodes)
  await apply([{
    apiVersion: "v1", kind: "Node",
    metadata: {
      name: node,
      annotations: { "kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0" },
      labels: { type: "kwok", [MANAGED_NODE_LABEL]: "true", "kubernetes.io/hostname": node, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64", "topology.kubernetes.io/zone": "testbed-a", [SCENARIO_LABEL]: "not-ready-node" },
    },
    spec: {},
    status: { allocatable: { cpu: "8", memory: "32Gi", pods: "110" }, capacity: { cpu: "8", memory: "32Gi", pods: "110" } },
  }]);
  const cleanup = async (): Promise<void> => {
    await kubectl(["delete", "node", node, "--ignore-not-found", "--wait=false"]).catch(() => undefined);
  };
  try {
    const readyStatus = async (): Promise<string | undefined> => {
      const n = await getJson(["get", "node", node]);
      return (n.status?.conditions ?? []).find((c: Obj) => c.type === "Ready")?.status;
    };
    await waitFor(`node ${node} Ready`, async () => (await readyStatus()) === "True", timeoutMs);
    await waitFor(`a Lease for node ${node}`, async () => (await getJson(["-n", "kube-node-lease", "get", "lease", node])).spec?.renewTime, timeoutMs);
    const podName = "pinned-to-lost-node";
    await apply([{ apiVersion: "v1", kind: "Pod", metadata: { name: podName, namespace: ns, labels: labels("not-ready-node", podName) }, spec: { nodeName: node, containers: [container("app", "ghcr.io/shipshape/web:2.3.1")] } }]);
    await waitFor(`pod ${ns}/${podName} Running`, async () => (await getJson(["-n", ns, "get", "pod", podName])).status?.phase === "Running", timeoutMs);
    await kubectl(["label", "node", node, `${MANAGED_NODE_LABEL}=false`, "--overwrite"]);
    await waitFor(`node ${node} Ready=Unknown (set by the node-lifecycle controller)`, async () => (await readyStatus()) === "Unknown", timeoutMs, 1000);
    const n = await getJson(["get", "node", node]);
    const ready = (n.status?.conditions ?? []).find((c: Obj) => c.type === "Ready");
    await waitFor(`taint node.kubernetes.io/unreachable on ${node}`, async () => ((await getJson(["get", "node", node])).spec?.taints ?? []).some((t: Obj) => t.key === "node.kubernetes.io/unreachable"), timeoutMs);
    return {
      scenario: "not-ready-node", namespace: ns, cleanup,
      objects: [{ kind: "Node", name: node }, { kind: "Pod", name: podName, namespace: ns }],
      facts: { node, readyStatus: ready?.status, readyReason: ready?.reason, readyMessage: ready?.message, pod: podName },
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

/** The container name kwok serves testbed/pod-logs/*.cri for (ClusterLogs written by up.sh). */
export const LOGS_CONTAINER = "checkout";
/** The crash the previous instance's log ends in (testbed/pod-logs/previous.cri). */
export const LOGS_PANIC = "panic: config file /etc/app/config.yaml not found";

/**
 * A crash-looping Deployment with real container logs behind pods/log. kwok serves
 * testbed/pod-logs/{previous,current}.cri for containers named "checkout"; the pod runs on a node
 * created here whose kubelet address is kwok's own server (InternalIP 127.0.0.1, kubelet port
 * KWOK_PORT; tainted so nothing else lands there), so the API server's pods/log proxy reaches it.
 * The fleet's nodes have unresolvable host names: pods/log for their pods fails as for a lost kubelet.
 */
export async function crashLoopWithLogs(ns: string, o: ScenarioOptions & { restarts?: number } = {}): Promise<ScenarioResult> {
  const name = o.name ?? "checkout";
  const node = `logs-node-${Date.now().toString(36)}`;
  const port = Number(testbedPorts().KWOK_PORT);
  if (!port) throw new Error("KWOK_PORT missing from .testbed/ports.env: is the test bed up?");
  const timeoutMs = o.timeoutMs ?? 60000;
  const taint = { key: "testbed.shipshape.dev/logs", value: "true", effect: "NoSchedule" };
  await apply([{
    apiVersion: "v1", kind: "Node",
    metadata: {
      name: node,
      annotations: { "kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0" },
      labels: { type: "kwok", [MANAGED_NODE_LABEL]: "true", "kubernetes.io/hostname": node, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64", "topology.kubernetes.io/zone": "testbed-a", [SCENARIO_LABEL]: "crashloop-logs" },
    },
    spec: { taints: [taint] },
    status: {
      addresses: [{ type: "InternalIP", address: "127.0.0.1" }],
      daemonEndpoints: { kubeletEndpoint: { Port: port } },
      allocatable: { cpu: "8", memory: "32Gi", pods: "110" }, capacity: { cpu: "8", memory: "32Gi", pods: "110" },
    },
  }]);
  const cleanup = async (): Promise<void> => {
    await kubectl(["-n", ns, "delete", "deployment", name, "--ignore-not-found", "--wait=false"]).catch(() => undefined);
    await kubectl(["delete", "node", node, "--ignore-not-found", "--wait=false"]).catch(() => undefined);
  };
  try {
    await waitFor(`node ${node} Ready`, async () => ((await getJson(["get", "node", node])).status?.conditions ?? []).some((c: Obj) => c.type === "Ready" && c.status === "True"), timeoutMs);
    await apply([deployment(ns, name, "crashloop-logs", {
      nodeSelector: { "kubernetes.io/hostname": node },
      tolerations: [{ key: taint.key, operator: "Exists", effect: "NoSchedule" }],
      containers: [container(LOGS_CONTAINER, "ghcr.io/shipshape/checkout:1.8.2")],
    }, {
      [FAULT_ANNOTATION]: "crashloop",
      "testbed.shipshape.dev/restarts": String(o.restarts ?? 5),
      "testbed.shipshape.dev/exit-code": "2",
    })]);
    const pod = await waitPodWaitingReason(ns, name, "CrashLoopBackOff", timeoutMs);
    return {
      scenario: "crashloop-logs", namespace: ns, cleanup,
      objects: [{ kind: "Node", name: node }, { kind: "Deployment", name, namespace: ns }, { kind: "Pod", name: pod.metadata.name, namespace: ns }],
      facts: { pod: pod.metadata.name, node, container: LOGS_CONTAINER, exitCode: 2, panic: LOGS_PANIC },
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Stuck deletions

const STUCK_FINALIZER = "testbed.shipshape.dev/never-released";

/** A ConfigMap and a PVC-less Pod that were deleted but are held by a finalizer nobody removes. */
export async function stuckFinalizer(ns: string, o: ScenarioOptions = {}): Promise<ScenarioResult> {
  const name = o.name ?? "stuck";
  await apply([
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: ns, finalizers: [STUCK_FINALIZER], labels: labels("stuck-finalizer", name) }, data: { key: "value" } },
    { apiVersion: "v1", kind: "Pod", metadata: { name: `${name}-pod`, namespace: ns, finalizers: [STUCK_FINALIZER], labels: labels("stuck-finalizer", `${name}-pod`) }, spec: { containers: [container("app", "ghcr.io/shipshape/web:2.3.1")] } },
  ]);
  await waitFor(`pod ${ns}/${name}-pod Running`, async () => (await getJson(["-n", ns, "get", "pod", `${name}-pod`])).status?.phase === "Running", o.timeoutMs ?? 60000);
  await kubectl(["-n", ns, "delete", "configmap", name, "--wait=false"]);
  await kubectl(["-n", ns, "delete", "pod", `${name}-pod`, "--wait=false"]);
  await waitFor(`deletionTimestamp on ${ns}/${name} and ${ns}/${name}-pod`, async () => {
    const cm = await getJson(["-n", ns, "get", "configmap", name]);
    const pod = await getJson(["-n", ns, "get", "pod", `${name}-pod`]);
    return Boolean(cm.metadata.deletionTimestamp && pod.metadata.deletionTimestamp);
  }, o.timeoutMs ?? 60000);
  const cleanup = async (): Promise<void> => {
    for (const k of [["configmap", name], ["pod", `${name}-pod`]] as const) {
      await kubectl(["-n", ns, "patch", k[0], k[1], "--type=merge", "-p", '{"metadata":{"finalizers":null}}']).catch(() => undefined);
    }
  };
  return {
    scenario: "stuck-finalizer", namespace: ns, cleanup,
    objects: [{ kind: "ConfigMap", name, namespace: ns }, { kind: "Pod", name: `${name}-pod`, namespace: ns }],
    facts: { finalizer: STUCK_FINALIZER },
  };
}

/**
 * A namespace stuck in Terminating because an object in it carries a finalizer nobody removes.
 * The namespace is created by the scenario (name returned in facts.stuckNamespace); cleanup() releases it.
 */
export async function stuckNamespace(o: ScenarioOptions = {}): Promise<ScenarioResult> {
  const ns = o.name ?? `stuck-ns-${Date.now().toString(36)}`;
  await apply([{ apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { [SCENARIO_LABEL]: "stuck-namespace" } } }]);
  await apply([{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "holds-namespace", namespace: ns, finalizers: [STUCK_FINALIZER] }, data: {} }]);
  await kubectl(["delete", "namespace", ns, "--wait=false"]);
  const cond = await waitFor(`namespace ${ns} Terminating with NamespaceFinalizersRemaining`, async () => {
    const n = await getJson(["get", "namespace", ns]);
    if (n.status?.phase !== "Terminating") return undefined;
    return (n.status.conditions ?? []).find((c: Obj) => c.type === "NamespaceFinalizersRemaining" && c.status === "True");
  }, o.timeoutMs ?? 60000);
  return {
    scenario: "stuck-namespace", namespace: ns,
    objects: [{ kind: "Namespace", name: ns }, { kind: "ConfigMap", name: "holds-namespace", namespace: ns }],
    facts: { stuckNamespace: ns, finalizer: STUCK_FINALIZER, conditionMessage: cond.message },
    cleanup: async () => {
      await kubectl(["-n", ns, "patch", "configmap", "holds-namespace", "--type=merge", "-p", '{"metadata":{"finalizers":null}}']).catch(() => undefined);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Secrets: Helm releases and certificates

export interface HelmRevision {
  status: "deployed" | "superseded" | "failed" | "pending-install" | "pending-upgrade" | "pending-rollback" | "uninstalling";
  chartVersion: string;
  appVersion?: string;
  description?: string;
}

/** The payload Helm 3 stores in a release Secret's data.release: base64(gzip(JSON)). */
export function encodeHelmRelease(release: object): string {
  return gzipSync(Buffer.from(JSON.stringify(release))).toString("base64");
}

export function decodeHelmRelease(dataRelease: string): Obj {
  // data.release as read through the API is base64 (Secret) of base64 (Helm) of gzip.
  const helm = Buffer.from(dataRelease, "base64").toString("utf8");
  const raw = Buffer.from(helm, "base64");
  return JSON.parse(gunzipSync(raw).toString("utf8"));
}

/**
 * Helm-release-style Secrets (type helm.sh/release.v1, name sh.helm.release.v1.<release>.v<N>)
 * for one release. Default history: v1 superseded, v2 superseded, v3 failed — the classic
 * "upgrade failed" state. Pass `revisions` for others (e.g. a final "pending-upgrade").
 */
export async function helmReleaseSecrets(ns: string, o: ScenarioOptions & { release?: string; chart?: string; revisions?: HelmRevision[] } = {}): Promise<ScenarioResult> {
  const release = o.release ?? "shop";
  const chart = o.chart ?? "shop-frontend";
  const revisions: HelmRevision[] = o.revisions ?? [
    { status: "superseded", chartVersion: "1.2.0", appVersion: "2.1.0", description: "Install complete" },
    { status: "superseded", chartVersion: "1.3.0", appVersion: "2.2.0", description: "Upgrade complete" },
    { status: "failed", chartVersion: "1.4.0", appVersion: "2.3.0", description: "Upgrade \"shop\" failed: context deadline exceeded" },
  ];
  const start = Date.now() - revisions.length * 86400e3;
  const secrets: Obj[] = revisions.map((r, i) => {
    const version = i + 1;
    const when = new Date(start + i * 86400e3).toISOString();
    const payload = {
      name: release, namespace: ns, version,
      info: { first_deployed: new Date(start).toISOString(), last_deployed: when, deleted: "", description: r.description ?? "", status: r.status, notes: "" },
      chart: { metadata: { apiVersion: "v2", name: chart, version: r.chartVersion, appVersion: r.appVersion ?? r.chartVersion, type: "application" }, templates: [], values: { replicaCount: 2 } },
      config: { image: { tag: r.appVersion ?? r.chartVersion } },
      manifest: `---\n# Source: ${chart}/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${release}\n`,
      hooks: [],
    };
    return {
      apiVersion: "v1", kind: "Secret", type: "helm.sh/release.v1",
      metadata: {
        name: `sh.helm.release.v1.${release}.v${version}`, namespace: ns,
        labels: { owner: "helm", name: release, status: r.status, version: String(version), modifiedAt: String(Math.floor(Date.parse(when) / 1000)) },
      },
      data: { release: Buffer.from(encodeHelmRelease(payload)).toString("base64") },
    };
  });
  await apply(secrets);
  await waitFor(`${secrets.length} Helm release secrets in ${ns}`, async () => ((await getJson(["-n", ns, "get", "secrets", "-l", `owner=helm,name=${release}`])).items as Obj[]).length === secrets.length);
  return {
    scenario: "helm-release", namespace: ns, cleanup: noop,
    objects: secrets.map((s) => ({ kind: "Secret", name: s.metadata.name, namespace: ns })),
    facts: { release, chart, latestVersion: revisions.length, latestStatus: revisions[revisions.length - 1]?.status },
  };
}

/**
 * kubernetes.io/tls Secrets with certificates that expire soon (default in 5 days) and one that
 * has already expired, plus a healthy one (valid 300 days) for contrast.
 */
export async function expiringCertificates(ns: string, o: ScenarioOptions & { expiresInDays?: number } = {}): Promise<ScenarioResult> {
  const day = 86400e3;
  const now = Date.now();
  const specs = [
    { name: o.name ?? "web-tls-expiring", cn: "shop.example.com", notBefore: now - 85 * day, notAfter: now + (o.expiresInDays ?? 5) * day },
    { name: "api-tls-expired", cn: "api.example.com", notBefore: now - 400 * day, notAfter: now - 3 * day },
    { name: "admin-tls-healthy", cn: "admin.example.com", notBefore: now - day, notAfter: now + 300 * day },
  ];
  const secrets = specs.map((s) => {
    const c = selfSignedCert({ commonName: s.cn, dnsNames: [s.cn], notBefore: new Date(s.notBefore), notAfter: new Date(s.notAfter) });
    return {
      apiVersion: "v1", kind: "Secret", type: "kubernetes.io/tls",
      metadata: { name: s.name, namespace: ns, labels: labels("certificates", s.name) },
      data: { "tls.crt": Buffer.from(c.certPem).toString("base64"), "tls.key": Buffer.from(c.keyPem).toString("base64") },
    };
  });
  await apply(secrets);
  await waitFor(`TLS secrets in ${ns}`, async () => ((await getJson(["-n", ns, "get", "secrets", "-l", `${SCENARIO_LABEL}=certificates`])).items as Obj[]).length === secrets.length);
  return {
    scenario: "certificates", namespace: ns, cleanup: noop,
    objects: secrets.map((s) => ({ kind: "Secret", name: s.metadata.name, namespace: ns })),
    facts: Object.fromEntries(specs.map((s) => [s.name, { commonName: s.cn, notAfter: new Date(s.notAfter).toISOString() }])),
  };
}

// ---------------------------------------------------------------------------------------------
// Causes across objects (issue #9): each failure is produced by the real components — the PV controller,
// the scheduler, quota admission, the HPA and disruption controllers — never by a fault annotation.

async function warningEvents(ns: string, reason: string): Promise<Obj[]> {
  return (await getJson(["-n", ns, "get", "events", "--field-selector", `reason=${reason}`])).items as Obj[];
}

/**
 * A StatefulSet whose volumeClaimTemplate names a StorageClass that does not exist: the claim stays Pending
 * (ProvisioningFailed), its pod Pending (unbound immediate claim), the StatefulSet short of its replica.
 */
export async function missingStorageClass(ns: string, o: ScenarioOptions & { storageClass?: string } = {}): Promise<ScenarioResult> {
  const name = o.name ?? "db";
  const storageClass = o.storageClass ?? "fast-ssd";
  await apply([{
    apiVersion: "apps/v1", kind: "StatefulSet",
    metadata: { name, namespace: ns, labels: labels("missing-storage-class", name) },
    spec: {
      serviceName: name, replicas: 1, selector: { matchLabels: { app: name } },
      template: { metadata: { labels: labels("missing-storage-class", name) }, spec: { containers: [container("postgres", "ghcr.io/shipshape/postgres:16.4")] } },
      volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { storageClassName: storageClass, accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } } }],
    },
  }]);
  const claim = `data-${name}-0`;
  const pod = `${name}-0`;
  await waitFor(`ProvisioningFailed on ${ns}/${claim}`, async () => (await warningEvents(ns, "ProvisioningFailed")).some((e) => e.involvedObject?.name === claim), o.timeoutMs ?? 60000);
  const ev = await waitFailedScheduling(ns, pod, o.timeoutMs ?? 60000);
  return {
    scenario: "missing-storage-class", namespace: ns, cleanup: noop,
    objects: [{ kind: "StatefulSet", name, namespace: ns }, { kind: "PersistentVolumeClaim", name: claim, namespace: ns }, { kind: "Pod", name: pod, namespace: ns }],
    facts: { statefulSet: name, claim, pod, storageClass, eventMessage: ev.message },
  };
}

/** A Deployment of one replica per zone plus one, spread over zones with minDomains above the number of zones. */
export async function topologySpreadUnmet(ns: string, o: ScenarioOptions & { minDomains?: number } = {}): Promise<ScenarioResult> {
  const name = o.name ?? "spread";
  const zones = new Set(((await getJson(["get", "nodes", "-l", `${MANAGED_NODE_LABEL}=true`])).items as Obj[]).map((n) => n.metadata.labels?.["topology.kubernetes.io/zone"]).filter(Boolean));
  const minDomains = o.minDomains ?? zones.size + 1;
  const replicas = zones.size + 1;
  await apply([deployment(ns, name, "topology-spread", {
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule", minDomains, labelSelector: { matchLabels: { app: name } } }],
    containers: [container("app", "ghcr.io/shipshape/web:2.3.1")],
  }, {}, replicas)]);
  const pending = await waitFor(`a Pending pod of ${ns}/${name} with FailedScheduling`, async () => {
    const pods = await podsOf(ns, name);
    const p = pods.find((x) => x.status?.phase === "Pending" && (x.status.conditions ?? []).some((c: Obj) => c.reason === "Unschedulable"));
    return p && pods.filter((x) => x.status?.phase === "Running").length === zones.size ? p : undefined;
  }, o.timeoutMs ?? 60000);
  const ev = await waitFailedScheduling(ns, pending.metadata.name, o.timeoutMs ?? 60000);
  return {
    scenario: "topology-spread", namespace: ns, cleanup: noop,
    objects: [{ kind: "Deployment", name, namespace: ns }, { kind: "Pod", name: pending.metadata.name, namespace: ns }],
    facts: { deployment: name, pod: pending.metadata.name, zones: zones.size, minDomains, replicas, eventMessage: ev.message },
  };
}

/** A Deployment of one replica more than there are schedulable nodes, one pod per node (required anti-affinity). */
export async function antiAffinityUnmet(ns: string, o: ScenarioOptions = {}): Promise<ScenarioResult> {
  const name = o.name ?? "one-per-node";
  const nodes = ((await getJson(["get", "nodes", "-l", `${MANAGED_NODE_LABEL}=true`])).items as Obj[]).filter((n) => !n.spec?.unschedulable && !(n.spec?.taints ?? []).length);
  const replicas = nodes.length + 1;
  await apply([deployment(ns, name, "anti-affinity", {
    affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: { app: name } } }] } },
    containers: [container("app", "ghcr.io/shipshape/web:2.3.1")],
  }, {}, replicas)]);
  const pending = await waitFor(`a Pending pod of ${ns}/${name}`, async () => {
    const pods = await podsOf(ns, name);
    const p = pods.find((x) => x.status?.phase === "Pending" && (x.status.conditions ?? []).some((c: Obj) => c.reason === "Unschedulable"));
    return p && pods.filter((x) => x.spec?.nodeName).length === nodes.length ? p : undefined;
  }, o.timeoutMs ?? 60000);
  const ev = await waitFailedScheduling(ns, pending.metadata.name, o.timeoutMs ?? 60000);
  return {
    scenario: "anti-affinity", namespace: ns, cleanup: noop,
    objects: [{ kind: "Deployment", name, namespace: ns }, { kind: "Pod", name: pending.metadata.name, namespace: ns }],
    facts: { deployment: name, pod: pending.metadata.name, nodes: nodes.length, replicas, eventMessage: ev.message },
  };
}

async function waitReplicaFailure(ns: string, name: string, timeoutMs: number): Promise<string> {
  return waitFor(`ReplicaFailure on deployment ${ns}/${name}`, async () => {
    const d = await getJson(["-n", ns, "get", "deployment", name]);
    return (d.status?.conditions ?? []).find((c: Obj) => c.type === "ReplicaFailure" && c.status === "True")?.message as string | undefined;
  }, timeoutMs);
}

/** A ResourceQuota on cpu/memory requests and limits, and a Deployment whose container sets none of them. */
export async function quotaRequiresResources(ns: string, o: ScenarioOptions = {}): Promise<ScenarioResult> {
  const name = o.name ?? "web";
  const quota = "compute";
  await apply([
    { apiVersion: "v1", kind: "ResourceQuota", metadata: { name: quota, namespace: ns }, spec: { hard: { "requests.cpu": "2", "requests.memory": "2Gi", "limits.cpu": "4", "limits.memory": "4Gi" } } },
  ]);
  await waitFor(`quota ${ns}/${quota} observed`, async () => (await getJson(["-n", ns, "get", "resourcequota", quota])).status?.hard, o.timeoutMs ?? 60000);
  await apply([deployment(ns, name, "quota-requires-resources", { containers: [{ name: "app", image: "ghcr.io/shipshape/web:2.3.1" }] })]);
  const message = await waitReplicaFailure(ns, name, o.timeoutMs ?? 60000);
  return {
    scenario: "quota-requires-resources", namespace: ns, cleanup: noop,
    objects: [{ kind: "ResourceQuota", name: quota, namespace: ns }, { kind: "Deployment", name, namespace: ns }],
    facts: { deployment: name, quota, container: "app", message },
  };
}

/** A ResourceQuota of 1 cpu of requests and a Deployment of 3 replicas asking 400m each: the third is refused. */
export async function quotaExhausted(ns: string, o: ScenarioOptions = {}): Promise<ScenarioResult> {
  const name = o.name ?? "api";
  const quota = "compute";
  await apply([{ apiVersion: "v1", kind: "ResourceQuota", metadata: { name: quota, namespace: ns }, spec: { hard: { "requests.cpu": "1", pods: "10" } } }]);
  await waitFor(`quota ${ns}/${quota} observed`, async () => (await getJson(["-n", ns, "get", "resourcequota", quota])).status?.hard, o.timeoutMs ?? 60000);
  await apply([deployment(ns, name, "quota-exhausted", { containers: [container("app", "ghcr.io/shipshape/api:3.0.0", { resources: { requests: { cpu: "400m", memory: "64Mi" } } })] }, {}, 3)]);
  const message = await waitReplicaFailure(ns, name, o.timeoutMs ?? 60000);
  return {
    scenario: "quota-exhausted", namespace: ns, cleanup: noop,
    objects: [{ kind: "ResourceQuota", name: quota, namespace: ns }, { kind: "Deployment", name, namespace: ns }],
    facts: { deployment: name, quota, requested: "400m", hard: "1", message },
  };
}

/** A Deployment and an HPA whose scaleTargetRef names a Deployment that does not exist (a typo of it). */
export async function hpaMissingTarget(ns: string, o: ScenarioOptions & { target?: string } = {}): Promise<ScenarioResult> {
  const name = o.name ?? "web";
  const target = o.target ?? `${name}b`;
  await apply([
    deployment(ns, name, "hpa-missing-target", { containers: [container("app", "ghcr.io/shipshape/web:2.3.1")] }),
    { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: { name, namespace: ns }, spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: target }, minReplicas: 1, maxReplicas: 4, metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }] } },
  ]);
  const cond = await waitFor(`FailedGetScale on hpa ${ns}/${name}`, async () => {
    const h = await getJson(["-n", ns, "get", "hpa", name]);
    return (h.status?.conditions ?? []).find((c: Obj) => c.type === "AbleToScale" && c.status === "False");
  }, o.timeoutMs ?? 60000);
  return {
    scenario: "hpa-missing-target", namespace: ns, cleanup: noop,
    objects: [{ kind: "HorizontalPodAutoscaler", name, namespace: ns }, { kind: "Deployment", name, namespace: ns }],
    facts: { hpa: name, target, deployment: name, reason: cond.reason, message: cond.message },
  };
}

/** A one-replica Deployment with a PodDisruptionBudget of minAvailable 1: the disruption controller allows 0. */
export async function pdbBlocksDrain(ns: string, o: ScenarioOptions = {}): Promise<ScenarioResult> {
  const name = o.name ?? "singleton";
  await apply([
    deployment(ns, name, "pdb-blocks-drain", { containers: [container("app", "ghcr.io/shipshape/web:2.3.1")] }),
    { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name, namespace: ns }, spec: { minAvailable: 1, selector: { matchLabels: { app: name } } } },
  ]);
  const status = await waitFor(`pdb ${ns}/${name} with 1 expected pod and 0 disruptions allowed`, async () => {
    const p = await getJson(["-n", ns, "get", "pdb", name]);
    return p.status?.expectedPods === 1 && p.status.currentHealthy === 1 && p.status.disruptionsAllowed === 0 ? p.status : undefined;
  }, o.timeoutMs ?? 60000);
  return {
    scenario: "pdb-blocks-drain", namespace: ns, cleanup: noop,
    objects: [{ kind: "PodDisruptionBudget", name, namespace: ns }, { kind: "Deployment", name, namespace: ns }],
    facts: { pdb: name, deployment: name, status },
  };
}

/**
 * A Deployment whose image tag does not exist (kwok's pull stage, triggered by the image itself, not an
 * annotation), next to a healthy Deployment running another tag of the same repository.
 */
export async function imagePullTypo(ns: string, o: ScenarioOptions = {}): Promise<ScenarioResult> {
  const name = o.name ?? "storefront";
  const repository = "ghcr.io/shipshape/storefront";
  await apply([
    deployment(ns, `${name}-stable`, "image-pull-typo", { containers: [container("app", `${repository}:4.2.0`)] }),
    deployment(ns, name, "image-pull-typo", { containers: [container("app", `${repository}:does-not-exist`)] }, {}, 2),
  ]);
  await waitFor(`${ns}/${name}-stable running`, async () => (await podsOf(ns, `${name}-stable`)).some((p) => p.status?.phase === "Running"), o.timeoutMs ?? 60000);
  const pod = await waitPodWaitingReason(ns, name, "ImagePullBackOff", o.timeoutMs ?? 60000);
  return {
    scenario: "image-pull-typo", namespace: ns, cleanup: noop,
    objects: [{ kind: "Deployment", name, namespace: ns }, { kind: "Deployment", name: `${name}-stable`, namespace: ns }],
    facts: { deployment: name, pod: pod.metadata.name, image: `${repository}:does-not-exist`, runningTag: "4.2.0" },
  };
}

// ---------------------------------------------------------------------------------------------
// A healthy baseline, for contrast

/** A healthy Deployment (Running, Ready) with a Service that has endpoints. */
export async function healthyApp(ns: string, o: ScenarioOptions & { replicas?: number } = {}): Promise<ScenarioResult> {
  const name = o.name ?? "healthy";
  const replicas = o.replicas ?? 2;
  await apply([
    deployment(ns, name, "healthy", { containers: [container("app", "ghcr.io/shipshape/web:2.3.1", { ports: [{ containerPort: 8080 }] })] }, {}, replicas),
    { apiVersion: "v1", kind: "Service", metadata: { name, namespace: ns, labels: labels("healthy", name) }, spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] } },
  ]);
  await waitFor(`deployment ${ns}/${name} available`, async () => (await getJson(["-n", ns, "get", "deployment", name])).status?.readyReplicas === replicas, o.timeoutMs ?? 60000);
  return {
    scenario: "healthy", namespace: ns, cleanup: noop,
    objects: [{ kind: "Deployment", name, namespace: ns }, { kind: "Service", name, namespace: ns }],
    facts: { replicas },
  };
}

/** Every namespaced scenario except the slow notReadyNode and stuckNamespace, in one namespace. */
export async function allNamespacedScenarios(ns: string): Promise<ScenarioResult[]> {
  return Promise.all([
    healthyApp(ns), crashLoop(ns), oomKilled(ns), imagePullFailure(ns), readinessFailure(ns), missingConfigMap(ns),
    serviceWithoutEndpoints(ns), unschedulableTooLarge(ns), unschedulableNodeSelector(ns), stuckFinalizer(ns),
    helmReleaseSecrets(ns), expiringCertificates(ns),
  ]);
}
