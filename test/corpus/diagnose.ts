// Scores `shipshape diagnose` against ../shared/corpus/diagnose (troubleshoot, popeye, holmesgpt, kubectl-ai
// fixtures). Only live-state expectations count (live_state: true): the problem must be reported on that object
// by one of the analyzers mapped to the problem key; every `healthy` object must get no finding at all.
// Spec-only manifests (kubectl-ai) describe a setup whose failure only shows at run time: not applicable.
// Disputed: an expectation we miss that rests on a state no control plane produces (DISPUTES below, rules over the
// fixture's own data, never case names) is counted apart and listed with its reason (ADR 0022).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIAGNOSE_CHECKS } from '../../src/checks/registry.ts';
import type { RunSettings } from '../../src/core/check.ts';
import { emptyConfig } from '../../src/core/config.ts';
import { runChecks, selectChecks } from '../../src/core/engine.ts';
import type { Finding } from '../../src/core/finding.ts';
import { ObjectIndex } from '../../src/core/index.ts';
import type { LoadedObject } from '../../src/core/object.ts';
import { loadDescribe } from '../../src/sources/describe/load-describe.ts';
import { loadSnapshot } from '../../src/sources/snapshot/load-snapshot.ts';
import { CORPUS_SETTINGS, type CorpusScore } from './types.ts';

interface Expectation {
  kind: string;
  namespace: string;
  name: string;
  problem: string;
  live_state: boolean | null;
}

interface Case {
  id: string;
  format: string;
  files: string[];
  expect: Expectation[];
  healthy?: { kind: string; namespace: string; name: string }[];
  incomplete_input?: boolean;
}

const POD_STATUS = [
  'pod-crash-looping',
  'pod-run-error',
  'pod-image-pull-failing',
  'pod-config-missing',
  'pod-unhealthy-phase',
];

/** The corpus's problem vocabulary → the analyzers that report it. */
export const PROBLEM_CHECKS: Record<string, string[]> = {
  crashloop: ['pod-crash-looping', 'pod-run-error', 'pod-unhealthy-phase'],
  'init-crashloop': ['pod-crash-looping', 'pod-run-error'],
  oomkilled: ['pod-crash-looping', 'pod-oom-killed'],
  imagepull: ['pod-image-pull-failing'],
  'pending-affinity': ['pod-unschedulable'],
  'pending-resources': ['pod-unschedulable'],
  'pending-unbound-pvc': ['pod-unschedulable'],
  'pvc-pending': ['pvc-not-bound'],
  'pvc-lost': ['pvc-not-bound'],
  'pv-pending': ['pv-unhealthy'],
  'pv-failed': ['pv-unhealthy'],
  'failed-mount': ['pod-mount-failing'],
  'probe-failure': ['pod-probe-failing'],
  'no-endpoints': ['service-no-endpoints'],
  'no-pods-for-selector': ['service-no-endpoints', 'workload-replicas-unavailable'],
  'replicas-not-ready': ['workload-replicas-unavailable'],
  'replicas-unavailable': ['workload-replicas-unavailable'],
  'job-failed': ['job-failed'],
  'cronjob-not-run-or-failing': ['cronjob-not-running', 'job-failed'],
  notready: ['node-not-ready'],
  'node-unknown-condition': ['node-not-ready'],
  cordoned: ['node-cordoned'],
  'memory-pressure': ['node-pressure'],
  'disk-pressure': ['node-pressure'],
  'pid-pressure': ['node-pressure'],
  'network-unavailable': ['node-pressure'],
  'pod-not-ready': [...POD_STATUS, 'pod-not-ready', 'pod-probe-failing', 'pod-unschedulable'],
  'container-waiting': POD_STATUS,
  'container-terminating': POD_STATUS,
  restarts: ['pod-crash-looping', 'pod-restarting'],
  'unhappy-phase': POD_STATUS,
  'namespace-not-active': ['namespace-not-active'],
  'ingress-lb-error': ['ingress-load-balancer-error'],
};

type Lookup = (kind: string, namespace: string | undefined, name: string) => LoadedObject | undefined;

interface Dispute {
  problems: string[];
  kinds: string[];
  /** Why the expectation does not hold for this object, from the object and its neighbours; else undefined. */
  reason(object: LoadedObject, lookup: Lookup): string | undefined;
}

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const conditionTrue = (object: LoadedObject, type: string): boolean => {
  const conditions = (
    object.object.status as { conditions?: { type?: string; status?: string }[] } | undefined
  )?.conditions;
  return Array.isArray(conditions) && conditions.some((c) => c?.type === type && c.status === 'True');
};

/**
 * Expectations that contradict how Kubernetes writes status. Each rule states the fact; it applies only to the
 * problem keys and kinds it names and only when the fixture's own data shows that fact.
 */
export const DISPUTES: Dispute[] = [
  {
    // pkg/registry/core/pod/strategy.go and namespace/strategy.go PrepareForCreate set the phase on create.
    problems: ['unhappy-phase', 'namespace-not-active'],
    kinds: ['Pod', 'Namespace'],
    reason: (o) =>
      (o.object.status as { phase?: unknown } | undefined)?.phase === undefined
        ? `no status.phase at all: the API server sets it on create (Pod: Pending, Namespace: Active), so this object was never stored by one, and a missing phase is not an unhappy one`
        : undefined,
  },
  {
    problems: ['no-pods-for-selector'],
    kinds: ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'],
    reason: (o) => {
      const status = (o.object.status ?? {}) as Record<string, unknown>;
      const daemon = o.ref.kind === 'DaemonSet';
      const desired = daemon
        ? num(status.desiredNumberScheduled)
        : num((o.object.spec as { replicas?: unknown } | undefined)?.replicas ?? 1);
      const ready = daemon ? num(status.numberReady) : num(status.readyReplicas);
      return desired > 0 && ready >= desired
        ? `its controller's status counts ${ready}/${desired} ready pods, which the fixture's pod list leaves out (pods and workloads come from separate files); a selector that matches no pod shows in status as 0 ready, and that we report`
        : undefined;
    },
  },
  {
    problems: ['no-pods-for-selector', 'no-endpoints'],
    kinds: ['Service'],
    reason: (o) =>
      (o.object.spec as { type?: unknown } | undefined)?.type === 'ExternalName'
        ? 'an ExternalName Service is a DNS alias: the endpoints controllers skip it and its selector is ignored (issue #3 lists it as a false-positive trap)'
        : undefined,
  },
  {
    problems: ['no-pods-for-selector'],
    kinds: ['Service'],
    reason: (o, lookup) => {
      const endpoints = lookup('Endpoints', o.ref.namespace, o.ref.name)?.object as
        | { subsets?: { addresses?: { targetRef?: { kind?: string; name?: string } }[] }[] }
        | undefined;
      const pods = (endpoints?.subsets ?? [])
        .flatMap((subset) => subset?.addresses ?? [])
        .filter((a) => a?.targetRef?.kind === 'Pod')
        .map((a) => a.targetRef!.name);
      return pods.length > 0
        ? `its Endpoints list ready pod(s) ${pods.map((p) => `"${p}"`).join(', ')}: the endpoints controller only lists pods its selector matches, so the fixture's pod list leaves them out`
        : undefined;
    },
  },
  {
    problems: ['job-failed'],
    kinds: ['Job'],
    reason: (o) =>
      conditionTrue(o, 'Complete') && !conditionTrue(o, 'Failed')
        ? 'Complete=True and no Failed condition: the Job controller did not declare it failed; its counters contradict its condition, which we report as job-complete-without-success'
        : undefined,
  },
];

function disputeOf(
  expectation: Expectation,
  object: LoadedObject | undefined,
  lookup: Lookup,
): string | undefined {
  if (!object) return undefined;
  for (const d of DISPUTES) {
    if (!d.problems.includes(expectation.problem) || !d.kinds.includes(expectation.kind)) continue;
    const reason = d.reason(object, lookup);
    if (reason) return reason;
  }
  return undefined;
}

function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

function diagnoseObjects(objects: LoadedObject[], settings: RunSettings = CORPUS_SETTINGS): Finding[] {
  const index = new ObjectIndex(objects, { partial: false });
  const selected = selectChecks(DIAGNOSE_CHECKS, emptyConfig(), settings);
  return runChecks(index, selected, settings).findings.filter((f) => !f.suppressed);
}

export async function score(corpusDir: string): Promise<CorpusScore> {
  const dir = join(corpusDir, 'diagnose');
  const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as Case[];
  const result: CorpusScore = {
    peer: 'diagnose',
    agree: 0,
    disagree: 0,
    notApplicable: 0,
    disputed: 0,
    details: [],
  };
  for (const c of cases) {
    const live = c.expect.filter((e) => e.live_state === true);
    const comparable = live.length + (c.healthy?.length ?? 0);
    if (c.incomplete_input || c.format === 'manifest') {
      result.notApplicable += comparable;
      result.details.push(`n/a ${c.id}: ${c.incomplete_input ? 'input incomplete' : 'spec-only manifest'}`);
      continue;
    }
    let objects: LoadedObject[] = [];
    let settings = CORPUS_SETTINGS;
    if (c.format === 'describe-text') {
      // Pasted `kubectl describe` output, read the way `diagnose --describe` reads it (files that are not describe
      // output, such as `kubectl get` tables or logs, are skipped with a note).
      const loaded = loadDescribe(
        c.files.map((file) => ({ name: file, text: readFileSync(join(dir, file), 'utf8') })),
        CORPUS_SETTINGS.now,
      );
      objects = loaded.objects;
      settings = {
        ...CORPUS_SETTINGS,
        now: loaded.capturedAt ?? CORPUS_SETTINGS.now,
        kindsRead: new Set(loaded.kinds),
      };
    } else {
      const kindsRead = new Set<string>();
      for (const file of c.files) {
        const loaded = loadSnapshot(join(dir, file));
        if (loaded.problems.length > 0) result.details.push(`input ${c.id}: ${loaded.problems[0]?.message}`);
        objects.push(...loaded.objects);
        for (const kind of loaded.metadata.kindsRead ?? loaded.kindsPresent) kindsRead.add(kind);
      }
      // As `diagnose --snapshot` does: a kind absent from the files was not captured, not proven empty.
      settings = { ...CORPUS_SETTINGS, kindsRead };
    }
    const findings = diagnoseObjects(objects, settings);
    const byObject = new Map<string, Set<string>>();
    for (const f of findings) {
      const key = objectKey(f.object.kind, f.object.namespace, f.object.name);
      const set = byObject.get(key) ?? new Set<string>();
      set.add(f.check);
      byObject.set(key, set);
    }
    const loadedByKey = new Map<string, LoadedObject>();
    for (const o of objects) {
      const key = objectKey(o.ref.kind, o.ref.namespace, o.ref.name);
      if (!loadedByKey.has(key)) loadedByKey.set(key, o);
    }
    const lookup: Lookup = (kind, namespace, name) => loadedByKey.get(objectKey(kind, namespace, name));
    for (const e of live) {
      const accepted = PROBLEM_CHECKS[e.problem] ?? [];
      const got = byObject.get(objectKey(e.kind, e.namespace || undefined, e.name)) ?? new Set<string>();
      const disputed = accepted.some((id) => got.has(id))
        ? undefined
        : disputeOf(e, lookup(e.kind, e.namespace || undefined, e.name), lookup);
      if (accepted.some((id) => got.has(id))) result.agree++;
      else if (disputed) {
        result.disputed = (result.disputed ?? 0) + 1;
        result.details.push(
          `disputed ${c.id}: ${e.kind} ${e.namespace}/${e.name} ${e.problem} (got: ${[...got].join(', ') || 'nothing'}): ${disputed}`,
        );
      } else {
        result.disagree++;
        result.details.push(
          `miss ${c.id}: ${e.kind} ${e.namespace}/${e.name} ${e.problem} (got: ${[...got].join(', ') || 'nothing'})`,
        );
      }
    }
    for (const h of c.healthy ?? []) {
      const got = byObject.get(objectKey(h.kind, h.namespace || undefined, h.name));
      if (!got) result.agree++;
      else {
        result.disagree++;
        result.details.push(
          `false alarm ${c.id}: ${h.kind} ${h.namespace}/${h.name} is healthy (got: ${[...got].join(', ')})`,
        );
      }
    }
  }
  return result;
}

if (import.meta.main) {
  const { corpusDir } = await import('./types.ts');
  const s = await score(corpusDir());
  for (const line of s.details) console.log(line);
  console.log(
    `diagnose: agree ${s.agree}, disagree ${s.disagree}, disputed ${s.disputed ?? 0}, n/a ${s.notApplicable}`,
  );
}
