// Runs every scenario of testbed/scenarios.ts against the running test bed and prints what each
// produced — a self-test of the scenario library (and a demo of its API).
//   node testbed/check-scenarios.ts [--only name,name] [--keep]
import * as s from "./scenarios.ts";

type Run = (ns: string) => Promise<s.ScenarioResult>;
const all: Record<string, Run> = {
  healthy: (ns) => s.healthyApp(ns),
  crashloop: (ns) => s.crashLoop(ns),
  oomkilled: (ns) => s.oomKilled(ns),
  "image-pull": (ns) => s.imagePullFailure(ns),
  "bad-image-tag": (ns) => s.imagePullFailure(ns, { name: "badtag", image: "ghcr.io/shipshape/web:does-not-exist", reason: "ErrImagePull" }),
  readiness: (ns) => s.readinessFailure(ns),
  "missing-configmap": (ns) => s.missingConfigMap(ns),
  "service-no-endpoints": (ns) => s.serviceWithoutEndpoints(ns),
  "unschedulable-resources": (ns) => s.unschedulableTooLarge(ns),
  "unschedulable-selector": (ns) => s.unschedulableNodeSelector(ns),
  "unschedulable-taint": (ns) => s.unschedulableTaint(ns),
  "stuck-finalizer": (ns) => s.stuckFinalizer(ns),
  "stuck-namespace": () => s.stuckNamespace(),
  "helm-release": (ns) => s.helmReleaseSecrets(ns),
  certificates: (ns) => s.expiringCertificates(ns),
  "not-ready-node": (ns) => s.notReadyNode(ns),
  "crashloop-logs": (ns) => s.crashLoopWithLogs(ns),
  "missing-storage-class": (ns) => s.missingStorageClass(ns),
  "topology-spread": (ns) => s.topologySpreadUnmet(ns),
  "anti-affinity": (ns) => s.antiAffinityUnmet(ns),
  // A quota governs its whole namespace: these two get their own.
  "quota-requires-resources": async () => s.quotaRequiresResources(await s.createTestNamespace("scenarios-quota")),
  "quota-exhausted": async () => s.quotaExhausted(await s.createTestNamespace("scenarios-quota")),
  "hpa-missing-target": (ns) => s.hpaMissingTarget(ns),
  "pdb-blocks-drain": (ns) => s.pdbBlocksDrain(ns),
  "image-pull-typo": (ns) => s.imagePullTypo(ns),
};

const args = process.argv.slice(2);
const onlyIdx = args.indexOf("--only");
const only = onlyIdx >= 0 ? (args[onlyIdx + 1] ?? "").split(",") : Object.keys(all);
const keep = args.includes("--keep");

if (!s.isTestbedUp()) {
  console.error(`the test bed is not up (${s.testbedKubeconfig()}): run npm run testbed:up`);
  process.exit(2);
}
const ns = await s.createTestNamespace("scenarios");
console.log(`namespace ${ns}`);
let pass = 0;
let fail = 0;
const results = await Promise.all(only.map(async (name) => {
  const run = all[name];
  if (!run) return { name, error: new Error(`unknown scenario ${name}`), ms: 0 };
  const t0 = Date.now();
  try {
    return { name, result: await run(ns), ms: Date.now() - t0 };
  } catch (e) {
    return { name, error: e as Error, ms: Date.now() - t0 };
  }
}));
for (const r of results) {
  if ("result" in r && r.result) {
    pass++;
    console.log(`  ok    ${r.name} (${(r.ms / 1000).toFixed(1)}s) ${JSON.stringify(r.result.facts)}`);
  } else {
    fail++;
    console.log(`  FAIL  ${r.name} (${(r.ms / 1000).toFixed(1)}s) ${"error" in r ? r.error?.message : ""}`);
  }
}
if (!keep) {
  for (const r of results) if ("result" in r && r.result) await r.result.cleanup();
  await s.deleteNamespace(ns);
  for (const r of results) if ("result" in r && r.result && r.result.namespace !== ns) await s.deleteNamespace(r.result.namespace);
}
console.log(`scenarios: ${pass} passed, ${fail} failed`);
process.exit(fail === 0 ? 0 : 1);
