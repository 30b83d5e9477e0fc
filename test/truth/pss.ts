// Pod Security truth: every pod of the pod-security-admission corpus whose policy version the test bed's
// kube-apiserver (v1.34) supports is created with server-side dry-run in a real namespace labelled
// `pod-security.kubernetes.io/enforce=<level>` and `enforce-version=v1.<minor>`. The admission verdict (201
// allowed, 403 "violates PodSecurity" denied) must equal shipshape's: any pss-* finding from the engine run with
// --pod-security-level <level> --kube-version 1.<minor> semantics, exactly as test/corpus/pod-security.ts runs it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { podSecurityChecks } from '../../src/checks/pod-security/index.ts';
import type { PodSecurityLevel, RunSettings } from '../../src/core/check.ts';
import { emptyConfig } from '../../src/core/config.ts';
import { runChecks, selectChecks } from '../../src/core/engine.ts';
import { ObjectIndex } from '../../src/core/index.ts';
import { parseManifestText } from '../../src/sources/files/parse-yaml.ts';
import { type AdminApi, ensureNamespace, mapLimit, RUN_ID, statusMessage } from './api.ts';
import { emptyResult, type TruthResult } from './types.ts';

interface PodSecurityCase {
  file: string;
  level: PodSecurityLevel;
  version: string;
  expect: 'allow' | 'deny';
  alsoFailsApiValidation?: boolean;
}

/** The newest policy version the test bed's apiserver knows (its own minor). */
export const SERVER_MINOR = 34;

export function pssNamespace(level: string, minor: number): string {
  return `truth-pss-${RUN_ID}-${level}-v1-${minor}`;
}

/** A valid object name for a fixture: `baseline/v1.0/fail/capabilities_baseline0.yaml` -> `fail-capabilities-baseline0`. */
export function podName(file: string): string {
  const parts = file.replace(/\.ya?ml$/, '').split('/');
  return `${parts.at(-2)}-${parts.at(-1)}`
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .slice(0, 63)
    .replace(/-+$/, '');
}

function minorOf(version: string): number {
  return Number(/^v1\.(\d+)$/.exec(version)?.[1] ?? Number.NaN);
}

/** shipshape's verdict for one pod file: the pss-* findings at the case's level and version. */
export function shipshapeVerdict(
  text: string,
  file: string,
  level: PodSecurityLevel,
  minor: number,
): { denied: boolean; findings: string[]; problem?: string; object?: unknown } {
  const parsed = parseManifestText(text, file);
  if (parsed.problems.length > 0 || parsed.objects.length !== 1)
    return { denied: false, findings: [], problem: parsed.problems[0]?.message ?? 'not exactly one object' };
  const settings: RunSettings = { now: new Date(), podSecurityLevel: level, kubeVersion: `1.${minor}` };
  const index = new ObjectIndex(parsed.objects, { partial: true });
  const result = runChecks(index, selectChecks(podSecurityChecks, emptyConfig(), settings), settings);
  const findings = result.findings.filter((f) => f.check.startsWith('pss-'));
  return {
    denied: findings.length > 0,
    findings: findings.map((f) => `${f.check}: ${f.message}`),
    ...(result.problems.length > 0 ? { problem: result.problems[0]!.message } : {}),
    object: parsed.objects[0]!.object,
  };
}

export async function pssTruth(
  api: AdminApi,
  corpusDir: string,
  createdNamespaces: Set<string>,
  concurrency = 8,
): Promise<TruthResult> {
  const started = performance.now();
  const out = emptyResult('pss');
  const dir = path.join(corpusDir, 'pod-security');
  const cases = JSON.parse(await readFile(path.join(dir, 'cases.json'), 'utf8')) as PodSecurityCase[];
  const usable: PodSecurityCase[] = [];
  let later = 0;
  let invalid = 0;
  for (const c of cases) {
    const minor = minorOf(c.version);
    if (!(minor <= SERVER_MINOR)) later++;
    else if (c.alsoFailsApiValidation) invalid++;
    else usable.push(c);
  }
  out.notApplicable += later + invalid;
  out.notes.push(
    `pss: ${later} cases of policy versions after v1.${SERVER_MINOR} and ${invalid} that also fail API validation not sent`,
  );
  // One real namespace per level and version.
  const namespaces = new Map<string, { level: string; minor: number }>();
  for (const c of usable)
    namespaces.set(pssNamespace(c.level, minorOf(c.version)), { level: c.level, minor: minorOf(c.version) });
  await mapLimit([...namespaces], concurrency, async ([name, { level, minor }]) => {
    createdNamespaces.add(name);
    await ensureNamespace(api, name, {
      'pod-security.kubernetes.io/enforce': level,
      'pod-security.kubernetes.io/enforce-version': `v1.${minor}`,
    });
  });

  await mapLimit(usable, concurrency, async (c) => {
    const minor = minorOf(c.version);
    const ours = shipshapeVerdict(await readFile(path.join(dir, c.file), 'utf8'), c.file, c.level, minor);
    if (ours.problem || !ours.object) {
      out.notApplicable++;
      out.notes.push(`pss ${c.file}: shipshape could not read it (${ours.problem ?? 'no object'})`);
      return;
    }
    const ns = pssNamespace(c.level, minor);
    // Upstream's own test names the pods it creates; file names such as `capabilities_baseline0` are not valid
    // object names (RFC 1123), and the name plays no part in Pod Security.
    const pod = structuredClone(ours.object) as { metadata?: { name?: string; namespace?: string } };
    pod.metadata = { ...pod.metadata, name: podName(c.file) };
    delete pod.metadata.namespace;
    const response = await api.request('POST', `/api/v1/namespaces/${ns}/pods?dryRun=All`, pod);
    const message = statusMessage(response);
    let serverDenied: boolean;
    if (response.status === 201) serverDenied = false;
    else if (response.status === 403 && message.includes('violates PodSecurity')) serverDenied = true;
    else {
      // Rejected before admission (API validation) or failed otherwise: the server gave no PSS verdict.
      out.notApplicable++;
      out.notes.push(`pss ${c.file}: no admission verdict (${response.status}: ${message})`);
      return;
    }
    if (serverDenied === ours.denied) {
      out.agree++;
      return;
    }
    out.disagree++;
    out.disagreements.push(
      `pss ${c.file} [${c.level} v1.${minor}]: server ${serverDenied ? `denied (${message})` : 'allowed'}, shipshape ${
        ours.denied ? `denied (${ours.findings.join('; ')})` : 'allowed'
      }`,
    );
  });
  out.disagreements.sort();
  out.milliseconds = performance.now() - started;
  return out;
}
