// Scores shipshape's schema validation against kubeconform's fixtures (../shared/corpus/kubeconform/cases.json).
// Each case is run the way a user would run `shipshape review` (real file source, real engine, the schema checks
// on), with kubeconform's flags translated where we have an equivalent, and the outcome mapped to kubeconform's
// status words (the worst resource decides: error > invalid > skipped > valid; "empty" when nothing was read):
//   error   = the input could not be read as objects (parse error, no kind/apiVersion), no schema for the kind
//             (schema-kind-unknown, api-version-removed, or a custom resource without CRD), or a duplicate object
//             (object-duplicate: kubeval's duplicate rule);
//   invalid = schema-unknown-field (only under -strict, as kubeconform), schema-type-mismatch,
//             schema-required-field-missing, schema-invalid-value;
//   skipped = every object was skipped (-skip), or a custom resource had no schema under -ignore-missing-schemas.
// Not applicable: network cases (remote schema registries), -reject (no shipshape equivalent), and schema
// locations that are raw JSON schema files (shipshape takes CRDs, not JSON schemas).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ALL_CHECKS } from '../../src/checks/registry.ts';
import { schemaChecks } from '../../src/checks/schema/index.ts';
import type { RunSettings } from '../../src/core/check.ts';
import { emptyConfig } from '../../src/core/config.ts';
import { runChecks, selectChecks } from '../../src/core/engine.ts';
import type { Finding } from '../../src/core/finding.ts';
import { ObjectIndex } from '../../src/core/index.ts';
import type { LoadedObject } from '../../src/core/object.ts';
import { loadFiles } from '../../src/sources/files/load-files.ts';
import { CORPUS_SETTINGS, type CorpusScore } from './types.ts';

interface KubeconformCase {
  file: string;
  flags: string[];
  expect: Status;
  stdin?: boolean;
  network?: boolean;
  moreFiles?: string[];
  supportFiles?: string[];
  test: string;
  source: string;
}

type Status = 'valid' | 'invalid' | 'error' | 'skipped' | 'empty';

const RANK: Record<Status, number> = { empty: 0, valid: 1, skipped: 2, invalid: 3, error: 4 };

const INVALID_CHECKS = new Set([
  'schema-unknown-field',
  'schema-type-mismatch',
  'schema-required-field-missing',
  'schema-invalid-value',
]);
const NO_SCHEMA_CHECKS = new Set(['schema-kind-unknown', 'api-version-removed']);
/** kubeval's duplicate-object rule (the kubeval-sourced cases) maps to this shipshape check. */
const DUPLICATE_CHECK = 'object-duplicate';

interface Flags {
  strict: boolean;
  kubeVersion?: string;
  skip: string[];
  ignoreMissing: boolean;
  ignorePatterns: RegExp[];
  schemaLocations: string[];
  reject: boolean;
}

function parseFlags(flags: readonly string[]): Flags {
  const out: Flags = {
    strict: false,
    skip: [],
    ignoreMissing: false,
    ignorePatterns: [],
    schemaLocations: [],
    reject: false,
  };
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i]!;
    const value = flags[i + 1] ?? '';
    switch (flag) {
      case '-strict':
        out.strict = true;
        break;
      case '-ignore-missing-schemas':
        out.ignoreMissing = true;
        break;
      case '-kubernetes-version':
        if (value !== 'master') out.kubeVersion = value.split('.').slice(0, 2).join('.');
        i++;
        break;
      case '-skip':
        out.skip.push(...value.split(','));
        i++;
        break;
      case '-reject':
        out.reject = true;
        i++;
        break;
      case '-schema-location':
        out.schemaLocations.push(value);
        i++;
        break;
      case '--ignore-filename-pattern':
      case '-ignore-filename-pattern':
        out.ignorePatterns.push(new RegExp(value));
        i++;
        break;
      default:
        // -summary, -verbose, -output, "-": output only (stdin is handled by the case's stdin field).
        break;
    }
  }
  return out;
}

function skipped(loaded: LoadedObject, skip: readonly string[]): boolean {
  const { apiVersion, kind } = loaded.object;
  return skip.some((entry) => entry === kind || entry === `${apiVersion}/${kind}`);
}

export interface CaseOutcome {
  status: Status;
  findings: Finding[];
  problems: string[];
}

/** Runs one case through the file source and engine; returns kubeconform's status word for the result. */
export function runCase(dir: string, c: KubeconformCase, flags = parseFlags(c.flags)): CaseOutcome {
  const paths = [c.file, ...(c.moreFiles ?? [])]
    .filter((p) => !flags.ignorePatterns.some((re) => re.test(p)))
    .map((p) => join(dir, p));
  const loaded = c.stdin
    ? loadFiles(['-'], { stdin: () => readFileSync(join(dir, c.file), 'utf8') })
    : loadFiles(paths);
  const crds = loadFiles(crdFilesFor(dir, c, flags));
  const objects = loaded.objects.filter((o) => !skipped(o, flags.skip));
  const index = new ObjectIndex(objects, { partial: true, supporting: crds.objects });
  const settings: RunSettings = { ...CORPUS_SETTINGS };
  if (flags.kubeVersion) settings.kubeVersion = flags.kubeVersion;
  const ids = [...schemaChecks.map((check) => check.id), DUPLICATE_CHECK];
  const selected = selectChecks(ALL_CHECKS, emptyConfig(), settings, { include: ids });
  const result = runChecks(index, selected, settings);
  const problems = [...loaded.problems, ...crds.problems, ...result.problems].map((p) => p.message);

  let status: Status = loaded.objects.length > 0 ? 'valid' : 'empty';
  const worst = (next: Status) => {
    if (RANK[next] > RANK[status]) status = next;
  };
  if (loaded.objects.length > 0 && objects.length < loaded.objects.length) worst('skipped');
  if (problems.length > 0) worst('error');
  const findings = result.findings.filter((f) => !f.suppressed);
  for (const finding of findings) {
    if (finding.check === 'schema-unknown-field' && !flags.strict) continue;
    if (INVALID_CHECKS.has(finding.check)) worst('invalid');
    else if (finding.check === DUPLICATE_CHECK) worst('error');
    else if (NO_SCHEMA_CHECKS.has(finding.check)) {
      const missingCustom = finding.check === 'schema-kind-unknown' && finding.severity === 'info';
      worst(missingCustom && flags.ignoreMissing ? 'skipped' : 'error');
    }
  }
  return { status, findings, problems };
}

/**
 * A local -schema-location holds JSON schemas generated from CRDs; shipshape takes the CRDs themselves
 * (--crds), so the CRD files in the case's support files and in each location's folder stand in for it.
 */
function crdFilesFor(dir: string, c: KubeconformCase, flags: Flags): string[] {
  const files = new Set((c.supportFiles ?? []).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, f)));
  for (const location of flags.schemaLocations) {
    if (location === 'default' || /^https?:/.test(location)) continue;
    const folder = join(dir, dirname(location));
    for (const name of readdirSync(folder)) {
      if (
        /\.ya?ml$/.test(name) &&
        readFileSync(join(folder, name), 'utf8').includes('kind: CustomResourceDefinition')
      )
        files.add(join(folder, name));
    }
  }
  return [...files];
}

function notApplicableReason(dir: string, c: KubeconformCase, flags: Flags): string | undefined {
  if (c.network) return 'remote schema registry (network)';
  if (flags.reject) return '-reject has no shipshape equivalent';
  const custom = flags.schemaLocations.filter((l) => l !== 'default');
  if (custom.length > 0 && crdFilesFor(dir, c, flags).length === 0)
    return `schema location ${custom.join(', ')} holds JSON schemas and no CRD`;
  return undefined;
}

export async function score(corpusDir: string): Promise<CorpusScore> {
  const dir = join(corpusDir, 'kubeconform');
  const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as KubeconformCase[];
  const result: CorpusScore = { peer: 'kubeconform', agree: 0, disagree: 0, notApplicable: 0, details: [] };
  for (const c of cases) {
    const flags = parseFlags(c.flags);
    // kubeval's unit tests ran with kind SkipThisKind skipped, and kubeval counts a skipped object as passing.
    const kubeval = c.source.includes('kubeval_test.go');
    if (kubeval) flags.skip.push('SkipThisKind');
    const reason = notApplicableReason(dir, c, flags);
    const label = `kubeconform/${c.file} [${c.flags.join(' ')}]`;
    if (reason) {
      result.notApplicable++;
      result.details.push(`${label}: not applicable (${reason})`);
      continue;
    }
    const outcome = runCase(dir, c, flags);
    if (kubeval && outcome.status === 'skipped') outcome.status = 'valid';
    const custom = flags.schemaLocations.some((l) => l !== 'default');
    const unvalidated = outcome.findings.some(
      (f) => f.check === 'schema-kind-unknown' && f.severity === 'info',
    );
    if (custom && unvalidated) {
      // The location's JSON schema was made from a CRD that is not in the corpus: nothing to stand in for it.
      result.notApplicable++;
      result.details.push(`${label}: not applicable (schema location holds a JSON schema without its CRD)`);
      continue;
    }
    if (outcome.status === c.expect) {
      result.agree++;
      continue;
    }
    result.disagree++;
    const why = [
      ...outcome.findings
        .slice(0, 3)
        .map((f) => `${f.check} ${f.object.kind}/${f.object.name}: ${f.message}`),
      ...outcome.problems.slice(0, 2),
    ];
    result.details.push(
      `${label}: expected ${c.expect}, got ${outcome.status}${why.length ? ` (${why.join('; ')})` : ''}`,
    );
  }
  return result;
}
