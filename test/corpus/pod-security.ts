// Scores the pss-* checks against the pod-security-admission fixtures in <corpus>/pod-security/cases.json:
// every `deny` pod must yield at least one pss- finding at its level and version, every `allow` pod none.
// Each file goes through the real path: file parser, object index, check selection and engine.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { podSecurityChecks } from '../../src/checks/pod-security/index.ts';
import type { PodSecurityLevel, RunSettings } from '../../src/core/check.ts';
import { emptyConfig } from '../../src/core/config.ts';
import { runChecks, selectChecks } from '../../src/core/engine.ts';
import { ObjectIndex } from '../../src/core/index.ts';
import { CONTROLS } from '../../src/k8s/pod-security/controls.ts';
import { parseManifestText } from '../../src/sources/files/parse-yaml.ts';

interface PodSecurityCase {
  file: string;
  level: PodSecurityLevel;
  version: string;
  expect: 'allow' | 'deny';
  psaCheck: string | null;
  expectReasonContains?: string;
  alsoFailsApiValidation?: boolean;
}

export interface PodSecurityScore {
  peer: string;
  agree: number;
  disagree: number;
  notApplicable: number;
  details: string[];
  /** Deny cases whose pss- findings include the upstream reason text (a hint, not part of agreement). */
  reasonMatched: number;
  /** Deny cases whose findings include the check of the case's upstream control (or of the control overriding it). */
  controlMatched: number;
  deny: number;
}

/** The folder holding cases.json: `<corpus>/pod-security`, or the given folder itself. */
export function podSecurityDir(corpusDir: string): string {
  const nested = path.join(corpusDir, 'pod-security');
  return existsSync(path.join(nested, 'cases.json')) ? nested : corpusDir;
}

export async function score(corpusDir: string): Promise<PodSecurityScore> {
  const dir = podSecurityDir(corpusDir);
  const cases = JSON.parse(await readFile(path.join(dir, 'cases.json'), 'utf8')) as PodSecurityCase[];
  // The checks that report an upstream control: its own, and at restricted those of the controls overriding it.
  const reporters = new Map<string, string[]>();
  for (const control of CONTROLS) {
    const add = (id: string) => reporters.set(id, [...(reporters.get(id) ?? []), control.checkId]);
    add(control.id);
    for (const id of new Set(control.versions.flatMap((v) => v.overrides ?? []))) add(id);
  }
  const out: PodSecurityScore = {
    peer: 'pod-security',
    agree: 0,
    disagree: 0,
    notApplicable: 0,
    details: [],
    reasonMatched: 0,
    controlMatched: 0,
    deny: 0,
  };
  for (const testCase of cases) {
    const text = await readFile(path.join(dir, testCase.file), 'utf8');
    const parsed = parseManifestText(text, testCase.file);
    if (parsed.problems.length > 0 || parsed.objects.length === 0) {
      out.notApplicable++;
      out.details.push(`${testCase.file}: not applicable (${parsed.problems[0]?.message ?? 'no objects'})`);
      continue;
    }
    const settings: RunSettings = {
      now: new Date(),
      podSecurityLevel: testCase.level,
      kubeVersion: testCase.version.replace(/^v/, ''),
    };
    const index = new ObjectIndex(parsed.objects, { partial: true });
    const result = runChecks(index, selectChecks(podSecurityChecks, emptyConfig(), settings), settings);
    for (const problem of result.problems) out.details.push(`${testCase.file}: ${problem.message}`);
    const findings = result.findings.filter((f) => f.check.startsWith('pss-'));
    const denied = findings.length > 0;
    if (denied === (testCase.expect === 'deny') && result.problems.length === 0) out.agree++;
    else {
      out.disagree++;
      out.details.push(
        `${testCase.file}: expected ${testCase.expect} (${testCase.psaCheck ?? 'base'}), got ${
          denied ? findings.map((f) => `${f.check}: ${f.message}`).join('; ') : 'no pss- finding'
        }`,
      );
    }
    if (testCase.expect === 'deny') {
      out.deny++;
      if (
        testCase.expectReasonContains &&
        findings.some((f) => f.message.includes(testCase.expectReasonContains!))
      )
        out.reasonMatched++;
      if (testCase.psaCheck && findings.some((f) => reporters.get(testCase.psaCheck!)?.includes(f.check)))
        out.controlMatched++;
    }
  }
  return out;
}

// `node test/corpus/pod-security.ts [corpusDir]` prints the score.
if (import.meta.main) {
  const dir = process.argv[2] ?? path.resolve(import.meta.dirname, '../../../shared/corpus');
  const started = performance.now();
  const result = await score(dir);
  const total = result.agree + result.disagree;
  for (const line of result.details.slice(0, 50)) console.log(line);
  console.log(
    `pod-security: agree=${result.agree} disagree=${result.disagree} notApplicable=${result.notApplicable} ` +
      `(${total === 0 ? 0 : ((100 * result.agree) / total).toFixed(1)}%); deny cases with the mapped check ` +
      `${result.controlMatched}/${result.deny}, with the upstream reason text ${result.reasonMatched}/${result.deny}; ` +
      `${Math.round(performance.now() - started)} ms`,
  );
}
