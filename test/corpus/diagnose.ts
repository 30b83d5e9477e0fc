// Scores `shipshape diagnose` against ../shared/corpus/diagnose (troubleshoot, popeye, holmesgpt, kubectl-ai
// fixtures). Only live-state expectations count (live_state: true): the problem must be reported on that object
// by one of the analyzers mapped to the problem key; every `healthy` object must get no finding at all.
// Spec-only manifests (kubectl-ai) describe a setup whose failure only shows at run time: not applicable.
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
  const result: CorpusScore = { peer: 'diagnose', agree: 0, disagree: 0, notApplicable: 0, details: [] };
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
    for (const e of live) {
      const accepted = PROBLEM_CHECKS[e.problem] ?? [];
      const got = byObject.get(objectKey(e.kind, e.namespace || undefined, e.name)) ?? new Set<string>();
      if (accepted.some((id) => got.has(id))) result.agree++;
      else {
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
  console.log(`diagnose: agree ${s.agree}, disagree ${s.disagree}, n/a ${s.notApplicable}`);
}
