// Scores the released manifests of ../shared/corpus/real-world/: each file must review with zero schema findings
// and no crash. Every review check runs (a crash in any check counts); the CRDs of the file's project folder are
// given as --crds would give them, so custom resources (the prometheus-operator ServiceMonitor) are validated
// against their CRD. A schema error is a finding of a schema check (schema-*, api-version-removed) at any
// severity above info; info findings (a custom resource left unvalidated) are listed in details.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ALL_CHECKS, REVIEW_CHECKS } from '../../src/checks/registry.ts';
import { schemaChecks } from '../../src/checks/schema/index.ts';
import { emptyConfig } from '../../src/core/config.ts';
import { runChecks, selectChecks } from '../../src/core/engine.ts';
import { ObjectIndex } from '../../src/core/index.ts';
import { loadFiles } from '../../src/sources/files/load-files.ts';
import { CORPUS_SETTINGS, type CorpusScore } from './types.ts';

interface RealWorldCase {
  file: string;
  expect: 'no-schema-errors';
  documents: number;
}

const SCHEMA_IDS = new Set(schemaChecks.map((c) => c.id).filter((id) => id !== 'api-version-deprecated'));

export interface RealWorldScore extends CorpusScore {
  schemaErrors: number;
  crashes: number;
}

export async function score(corpusDir: string): Promise<RealWorldScore> {
  const dir = join(corpusDir, 'real-world');
  const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as RealWorldCase[];
  const result: RealWorldScore = {
    peer: 'real-world',
    agree: 0,
    disagree: 0,
    notApplicable: 0,
    details: [],
    schemaErrors: 0,
    crashes: 0,
  };
  const crdCache = new Map<string, ReturnType<typeof loadFiles>>();
  for (const c of cases) {
    const project = join(dir, dirname(c.file));
    let crds = crdCache.get(project);
    if (!crds) {
      const files = readdirSync(project)
        .filter((name) => /\.ya?ml$/.test(name) && join(project, name) !== join(dir, c.file))
        .map((name) => join(project, name));
      crds = loadFiles(files);
      crdCache.set(project, crds);
    }
    const problems: string[] = [];
    let schemaErrors = 0;
    let crashed = false;
    try {
      const loaded = loadFiles([join(dir, c.file)]);
      problems.push(...loaded.problems.map((p) => `${p.file}:${p.line ?? ''} ${p.message}`));
      const supporting = crds.objects.filter(
        (o) => o.object.kind === 'CustomResourceDefinition' && o.origin?.file !== join(dir, c.file),
      );
      const index = new ObjectIndex(loaded.objects, { partial: true, supporting });
      const selected = selectChecks(ALL_CHECKS, emptyConfig(), CORPUS_SETTINGS, {
        include: REVIEW_CHECKS.map((check) => check.id),
      });
      const run = runChecks(index, selected, CORPUS_SETTINGS);
      const crashes = run.problems.filter((p) => p.kind === 'check');
      if (crashes.length > 0) crashed = true;
      problems.push(...crashes.map((p) => p.message));
      if (loaded.objects.length !== c.documents)
        problems.push(`read ${loaded.objects.length} objects, expected ${c.documents}`);
      for (const finding of run.findings) {
        if (!SCHEMA_IDS.has(finding.check)) continue;
        const line = `real-world/${c.file}:${finding.line ?? ''} ${finding.check} ${finding.object.kind}/${finding.object.name}: ${finding.message}`;
        if (finding.severity === 'info') {
          result.details.push(`${line} (info)`);
          continue;
        }
        schemaErrors++;
        result.details.push(line);
      }
    } catch (error) {
      crashed = true;
      problems.push(`crash: ${(error as Error).stack ?? String(error)}`);
    }
    result.schemaErrors += schemaErrors;
    if (crashed) result.crashes++;
    for (const problem of problems) result.details.push(`real-world/${c.file}: ${problem}`);
    if (schemaErrors === 0 && problems.length === 0) result.agree++;
    else result.disagree++;
  }
  return result;
}
