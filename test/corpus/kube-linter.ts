// Scores shipshape against kube-linter's e2e fixtures (../shared/corpus/kube-linter/cases.json).
// Each case runs only the mapped shipshape checks over the whole file; the number of findings must equal
// expectCount and the reported objects (kind, and name where given) must be found among ours as a multiset.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { AnyCheck } from '../../src/core/check.ts';
import type { Finding } from '../../src/core/finding.ts';
import { type CheckTally, type CorpusScore, peerMap, reviewPaths, tally } from './types.ts';

interface ExpectedFinding {
  index: number;
  kind?: string;
  name?: string;
  message?: string;
  match?: string;
}

interface KubeLinterCase {
  file: string;
  peerCheck: string | string[] | null;
  peerTemplate?: string;
  config: string | null;
  flags: string[];
  expectExit: number | null;
  expectCount: number | null;
  expectCountAtLeast?: number;
  expectFindings: ExpectedFinding[];
  test: string;
}

interface CustomCheck {
  name: string;
  template: string;
  params?: Record<string, unknown>;
}

/** kube-linter's default checks (its internal/defaultchecks list, as in the corpus README). */
export const KUBE_LINTER_DEFAULTS = [
  'dangling-service',
  'deprecated-service-account-field',
  'docker-sock',
  'drop-net-raw-capability',
  'duplicate-env-var',
  'env-var-secret',
  'host-ipc',
  'host-network',
  'host-pid',
  'invalid-target-ports',
  'job-ttl-seconds-after-finished',
  'latest-tag',
  'liveness-port',
  'mismatching-selector',
  'no-anti-affinity',
  'no-extensions-v1beta',
  'no-read-only-root-fs',
  'non-existent-service-account',
  'pdb-max-unavailable',
  'pdb-min-available',
  'pdb-unhealthy-pod-eviction-policy',
  'privilege-escalation-container',
  'privileged-container',
  'readiness-port',
  'run-as-non-root',
  'sensitive-host-mounts',
  'ssh-port',
  'startup-port',
  'unsafe-sysctls',
  'unset-cpu-requirements',
  'unset-memory-requirements',
];

/** Custom-check templates whose built-in instance we map: a custom check of that template is scored with it. */
const TEMPLATE_TO_BUILTIN: Record<string, string> = {
  // schema-validation is the built-in instance of the kubeconform template (strict, missing schemas ignored).
  kubeconform: 'schema-validation',
};
/** Template params that only restate what our mapped check always does. */
const IMPLIED_PARAMS: Record<string, Record<string, unknown>> = {
  kubeconform: { strict: true, ignoreMissingSchemas: true },
};

/**
 * Parameters built into kube-linter checks whose defaults differ from ours (kube-linter's
 * pkg/builtinchecks/yamls), keyed by our param names: the check's name states them.
 */
const BUILTIN_PARAMS: Record<string, Record<string, unknown>> = {
  'minimum-three-replicas': { minReplicas: 3 },
  'hpa-minimum-three-replicas': { minReplicas: 3 },
  'required-label-owner': { labels: ['owner'] },
  // kube-linter also requires the value to look like an e-mail address; we check presence only.
  'required-annotation-email': { annotations: ['email'] },
};

interface Resolution {
  ours: AnyCheck[];
  params: Record<string, Record<string, unknown>>;
  /** Why the case is not applicable, when it is not. */
  missing?: string;
}

function resolve(c: KubeLinterCase, dir: string, map: Map<string, AnyCheck[]>): Resolution {
  const resolution: Resolution = { ours: [], params: {} };
  const add = (checks: readonly AnyCheck[]) => {
    for (const check of checks) if (!resolution.ours.includes(check)) resolution.ours.push(check);
  };
  if (c.peerCheck === null) {
    // No --include: kube-linter's defaults run. Score with every shipshape check mapped to one of them.
    for (const id of KUBE_LINTER_DEFAULTS) add(map.get(id) ?? []);
    if (resolution.ours.length === 0) resolution.missing = 'no default kube-linter check is mapped';
    return resolution;
  }
  const ids = Array.isArray(c.peerCheck) ? c.peerCheck : [c.peerCheck];
  const custom = new Map<string, CustomCheck>();
  if (c.config) {
    const config = parse(readFileSync(join(dir, c.config), 'utf8')) as { customChecks?: CustomCheck[] };
    for (const check of config?.customChecks ?? []) custom.set(check.name, check);
  }
  for (const id of ids) {
    const definition = custom.get(id);
    if (!definition) {
      const checks = map.get(id);
      if (!checks) return { ...resolution, missing: `"${id}" is not mapped` };
      for (const check of checks) {
        const own = check.params as Record<string, unknown> | undefined;
        const params = Object.entries(BUILTIN_PARAMS[id] ?? {}).filter(([key]) => own?.[key] !== undefined);
        if (params.length > 0) resolution.params[check.id] = Object.fromEntries(params);
      }
      add(checks);
      continue;
    }
    const builtin = TEMPLATE_TO_BUILTIN[definition.template];
    const checks = map.get(id) ?? (builtin ? map.get(builtin) : undefined);
    if (!checks)
      return {
        ...resolution,
        missing: `custom check "${id}" (template ${definition.template}) is not mapped`,
      };
    const implied = IMPLIED_PARAMS[definition.template] ?? {};
    for (const check of checks) {
      const translated: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(definition.params ?? {})) {
        if (key in implied && JSON.stringify(implied[key]) === JSON.stringify(value)) continue;
        const ourDefault = (check.params as Record<string, unknown> | undefined)?.[key];
        if (ourDefault === undefined)
          return {
            ...resolution,
            missing: `custom check "${id}" param "${key}" has no counterpart in ${check.id}`,
          };
        translated[key] = Array.isArray(ourDefault) && !Array.isArray(value) ? [value] : value;
      }
      if (Object.keys(translated).length > 0) resolution.params[check.id] = translated;
    }
    add(checks);
  }
  return resolution;
}

function objectsMatch(expected: ExpectedFinding[], findings: Finding[]): ExpectedFinding[] {
  const pool = findings.map((f) => ({ kind: f.object.kind, name: f.object.name }));
  const unmatched: ExpectedFinding[] = [];
  for (const want of expected) {
    const at = pool.findIndex(
      (got) =>
        (want.kind === undefined || got.kind === want.kind) &&
        (want.name === undefined || got.name === want.name),
    );
    if (at === -1) unmatched.push(want);
    else pool.splice(at, 1);
  }
  return unmatched;
}

export async function score(corpusDir: string): Promise<CorpusScore> {
  const dir = join(corpusDir, 'kube-linter');
  const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as KubeLinterCase[];
  const map = peerMap('kube-linter');
  const perCheck: Record<string, CheckTally> = {};
  const result: CorpusScore = {
    peer: 'kube-linter',
    agree: 0,
    disagree: 0,
    notApplicable: 0,
    details: [],
    perCheck,
  };
  for (const c of cases) {
    const label = c.peerCheck === null ? '(defaults)' : [c.peerCheck].flat().join('+');
    const resolution = resolve(c, dir, map);
    const entry = tally(perCheck, label, resolution.ours);
    if (resolution.missing) {
      result.notApplicable++;
      entry.notApplicable++;
      if (resolution.ours.length > 0 || c.config)
        result.details.push(`n/a kube-linter/${c.file} ${label}: ${resolution.missing}`);
      continue;
    }
    const run = reviewPaths(
      [join(dir, c.file)],
      resolution.ours.map((check) => check.id),
      { params: resolution.params },
    );
    const reasons: string[] = [];
    const count = run.findings.length;
    if (c.expectCount !== null && count !== c.expectCount)
      reasons.push(`count ${count}, expected ${c.expectCount}`);
    if (c.expectCountAtLeast !== undefined && count < c.expectCountAtLeast)
      reasons.push(`count ${count}, expected at least ${c.expectCountAtLeast}`);
    const unmatched = objectsMatch(c.expectFindings, run.findings);
    if (unmatched.length > 0)
      reasons.push(
        `missing reports on ${unmatched.map((u) => `${u.kind ?? '?'}/${u.name ?? '*'}`).join(', ')}`,
      );
    const crashes = run.problems.filter((p) => p.kind === 'check');
    if (crashes.length > 0) reasons.push(`crashed: ${crashes.map((p) => p.message).join('; ')}`);
    if (reasons.length === 0) {
      result.agree++;
      entry.agree++;
      continue;
    }
    result.disagree++;
    entry.disagree++;
    const expected = `${c.expectCount ?? `>=${c.expectCountAtLeast ?? '?'}`} on ${c.expectFindings
      .map((e) => `${e.kind ?? '?'}/${e.name ?? '*'}`)
      .join(', ')}`;
    const got =
      run.findings.map((f) => `${f.check} ${f.object.kind}/${f.object.name}`).join(', ') || 'nothing';
    const problems =
      run.problems.length > 0 ? ` [problems: ${run.problems.map((p) => p.message).join('; ')}]` : '';
    result.details.push(
      `kube-linter/${c.file}  peer=${label}  ours=${resolution.ours.map((o) => o.id).join(',')}  expected=${expected}  got=${got} (${reasons.join('; ')})${problems}`,
    );
  }
  return result;
}
