// Runs one check over YAML parsed by the real file source and asserts exact findings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnyCheck, RunSettings } from '../../src/core/check.ts';
import { runChecks } from '../../src/core/engine.ts';
import type { Finding } from '../../src/core/finding.ts';
import { ObjectIndex } from '../../src/core/index.ts';
import { parseManifestText } from '../../src/sources/files/parse-yaml.ts';

export interface Case {
  name: string;
  yaml: string;
  /** More files by path (e.g. "apps/b/svc.yaml"), for cases about directories; `yaml` is "case.yaml". */
  files?: Record<string, string>;
  params?: Record<string, unknown>;
  settings?: Partial<RunSettings>;
  /** Treat the set as a whole cluster (default: a partial file review). */
  complete?: boolean;
  /** Puts what a command computes beside the objects before the check runs (e.g. rightsize's recommendations). */
  prepare?: (index: ObjectIndex) => void;
}

export interface ExpectedFinding {
  /** Exact text, or a pattern the message must match. */
  message?: string | RegExp;
  path?: string;
  line?: number;
  /** "Kind/name" of the object the finding is about. */
  object?: string;
  severity?: Finding['severity'];
}

export interface InvalidCase extends Case {
  findings: ExpectedFinding[];
}

export function runCheckOn(check: AnyCheck, testCase: Case): Finding[] {
  const objects = [];
  for (const [file, text] of [
    ['case.yaml', testCase.yaml],
    ...Object.entries(testCase.files ?? {}),
  ] as const) {
    const parsed = parseManifestText(text, file);
    // Warnings (an empty list item, kept as null for the checks to meet) are not errors of the case.
    assert.deepEqual(
      parsed.problems.filter((p) => p.level !== 'warning'),
      [],
      `case "${testCase.name}" must be valid YAML (${file})`,
    );
    objects.push(...parsed.objects);
  }
  const index = new ObjectIndex(objects, { partial: !testCase.complete });
  testCase.prepare?.(index);
  const settings: RunSettings = { now: new Date('2026-11-28T00:00:00Z'), ...testCase.settings };
  const result = runChecks(
    index,
    [{ check, params: { ...(check.params ?? {}), ...(testCase.params ?? {}) }, severity: check.severity }],
    settings,
  );
  assert.deepEqual(result.problems, [], `check "${check.id}" must not crash on "${testCase.name}"`);
  return result.findings;
}

/** typescript-eslint style: every valid case yields nothing, every invalid case exactly the listed findings. */
export function testCheck(check: AnyCheck, cases: { valid: Case[]; invalid: InvalidCase[] }): void {
  describe(check.id, () => {
    for (const testCase of cases.valid) {
      it(`does not fire: ${testCase.name}`, () => {
        const findings = runCheckOn(check, testCase);
        assert.deepEqual(
          findings.map((f) => f.message),
          [],
        );
      });
    }
    for (const testCase of cases.invalid) {
      it(`fires: ${testCase.name}`, () => {
        const findings = runCheckOn(check, testCase);
        assert.equal(
          findings.length,
          testCase.findings.length,
          `expected ${testCase.findings.length} finding(s), got: ${JSON.stringify(findings.map((f) => f.message))}`,
        );
        testCase.findings.forEach((expected, i) => {
          const actual = findings[i]!;
          assert.equal(actual.check, check.id);
          if (typeof expected.message === 'string') assert.equal(actual.message, expected.message);
          else if (expected.message) assert.match(actual.message, expected.message);
          if (expected.path !== undefined) assert.equal(actual.path, expected.path);
          if (expected.line !== undefined) assert.equal(actual.line, expected.line);
          if (expected.severity !== undefined) assert.equal(actual.severity, expected.severity);
          if (expected.object !== undefined)
            assert.equal(`${actual.object.kind}/${actual.object.name}`, expected.object);
        });
      });
    }
  });
}
