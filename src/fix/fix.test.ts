import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AnyCheck, defineCheck, type RunSettings } from '../core/check.ts';
import { runChecks, type SelectedCheck } from '../core/engine.ts';
import { ObjectIndex } from '../core/index.ts';
import { parseManifestText } from '../sources/files/parse-yaml.ts';
import { planFixes, unfixableReason, unifiedDiff } from './fix.ts';
import { type FixIO, runFix } from './run-fix.ts';

// Test-only checks, so these tests do not depend on the real checks' wording.
const wantsNonRoot = defineCheck({
  id: 'test-non-root',
  title: 't',
  severity: 'high',
  category: 'security',
  description: 'd',
  remediation: 'r',
  appliesTo: ['Pod'],
  *check({ object }) {
    const spec = object.spec as { securityContext?: { runAsNonRoot?: unknown } } | undefined;
    if (spec?.securityContext?.runAsNonRoot === true) return;
    yield {
      message: 'pod may run as root',
      path: ['spec', 'securityContext', 'runAsNonRoot'],
      fix: {
        description: 'set runAsNonRoot: true',
        edits: [{ op: 'set', path: ['spec', 'securityContext', 'runAsNonRoot'], value: true }],
        safety: 'safe',
      },
    };
  },
});

/** A fix that breaks the schema (sets a string where a schema check wants a boolean). */
const badFix = defineCheck({
  id: 'test-bad-fix',
  title: 't',
  severity: 'low',
  category: 'security',
  description: 'd',
  remediation: 'r',
  appliesTo: ['Pod'],
  *check({ object }) {
    if ((object.spec as { hostPID?: unknown })?.hostPID !== undefined) return;
    yield {
      message: 'hostPID unset',
      fix: {
        description: 'set hostPID',
        edits: [{ op: 'set', path: ['spec', 'hostPID'], value: 'no' }],
        safety: 'safe',
      },
    };
  },
});

const fakeSchema = defineCheck({
  id: 'test-schema',
  title: 't',
  severity: 'high',
  category: 'schema',
  description: 'd',
  remediation: 'r',
  appliesTo: 'all',
  *check({ object }) {
    const hostPID = (object.spec as { hostPID?: unknown })?.hostPID;
    if (hostPID !== undefined && typeof hostPID !== 'boolean')
      yield { message: 'spec.hostPID must be a boolean', path: ['spec', 'hostPID'] };
  },
});

const settings: RunSettings = { now: new Date('2026-01-01T00:00:00Z') };
const select = (checks: AnyCheck[]): SelectedCheck[] =>
  checks.map((check) => ({ check, params: {}, severity: check.severity }));

function review(files: Record<string, string>, checks: AnyCheck[]) {
  const objects = Object.entries(files).flatMap(([file, text]) => parseManifestText(text, file).objects);
  const selected = select(checks);
  const result = runChecks(new ObjectIndex(objects, { partial: true }), selected, settings);
  return { objects, selected, findings: result.findings };
}

function memoryIO(
  files: Record<string, string>,
): FixIO & { reads: string[]; writes: Record<string, string> } {
  const reads: string[] = [];
  const writes: Record<string, string> = {};
  return {
    reads,
    writes,
    read: (file) => {
      reads.push(file);
      const text = files[file];
      if (text === undefined) throw new Error('no such file');
      return text;
    },
    write: (file, text, _roots, dryRun) => {
      if (!dryRun) writes[file] = text;
      return { notes: [] };
    },
  };
}

const POD = (name: string, extra = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name} # keep me\nspec:\n${extra}  containers:\n  - name: app\n    image: app:1.0\n`;

describe('fixes', () => {
  it('writes only files with fixable findings, re-reviewed clean', () => {
    const files = {
      'a.yaml': `# header comment\n${POD('a')}`,
      'b.yaml': POD('b', '  securityContext:\n    runAsNonRoot: true\n'),
    };
    const run = review(files, [wantsNonRoot]);
    const io = memoryIO(files);
    const outcome = runFix('write', { ...run, settings, roots: ['.'] }, io);
    assert.deepEqual(io.reads, ['a.yaml'], 'a file without a fixable finding is never read');
    assert.deepEqual(Object.keys(io.writes), ['a.yaml']);
    // New keys go after the mapping's last key, at its indentation.
    assert.equal(
      io.writes['a.yaml'],
      `# header comment\n${POD('a')}  securityContext:\n    runAsNonRoot: true\n`,
    );
    assert.equal(outcome.files[0]!.applied.length, 1);
    assert.deepEqual(outcome.skipped, []);
  });

  it('prints a unified diff instead of writing', () => {
    const files = { 'a.yaml': POD('a') };
    const run = review(files, [wantsNonRoot]);
    const io = memoryIO(files);
    const outcome = runFix('diff', { ...run, settings, roots: ['.'] }, io);
    assert.deepEqual(io.writes, {});
    assert.equal(
      outcome.diff,
      [
        '--- a/a.yaml',
        '+++ b/a.yaml',
        '@@ -6,3 +6,5 @@',
        '   containers:',
        '   - name: app',
        '     image: app:1.0',
        '+  securityContext:',
        '+    runAsNonRoot: true',
        '',
      ].join('\n'),
    );
  });

  it('refuses a file whose fix would introduce a schema error', () => {
    const files = { 'a.yaml': POD('a') };
    const run = review(files, [badFix, fakeSchema]);
    const io = memoryIO(files);
    const outcome = runFix('write', { ...run, settings, roots: ['.'] }, io);
    assert.deepEqual(io.writes, {});
    assert.equal(outcome.refused.length, 1);
    assert.match(
      outcome.refused[0]!.reason,
      /introduce a schema error at line 9: spec\.hostPID must be a boolean/,
    );
    assert.match(outcome.skipped[0]!.reason, /schema error/);
  });

  it('does not fix suppressed findings, stdin, rendered charts, or duplicated objects', () => {
    const suppressed = POD('s').replace(
      '  name: s # keep me\n',
      '  name: s\n  annotations:\n    shipshape.dev/ignore: test-non-root\n',
    );
    const files = { 'a.yaml': suppressed, 'dup.yaml': `${POD('d')}---\n${POD('d')}` };
    const run = review(files, [wantsNonRoot]);
    const stdin = review({ '<stdin>': POD('x'), 'chart (helm)': POD('y') }, [wantsNonRoot]);
    const io = memoryIO(files);
    const plan = planFixes([...run.findings, ...stdin.findings], io.read);
    assert.deepEqual(plan.files, []);
    assert.deepEqual(io.reads, ['dup.yaml']);
    const reasons = plan.skipped.map((s) => `${s.file}: ${s.reason}`).sort();
    // The two identical Pods in dup.yaml are one finding (same fingerprint), refused as ambiguous.
    assert.equal(reasons.length, 3, JSON.stringify(reasons));
    assert.match(reasons[0]!, /^<stdin>: read from stdin/);
    assert.match(reasons[1]!, /^chart \(helm\): rendered by helm; fix the chart/);
    assert.match(reasons[2]!, /^dup\.yaml: the file holds 2 objects named Pod d/);
    assert.equal(
      unfixableReason({ ...run.findings[0]!, file: 'k (kustomize)' })?.startsWith('rendered by kustomize'),
      true,
    );
  });

  it('fixes items of a List and several objects of one file in one write', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: one}\n  spec:\n    containers: []\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: two}\n  spec: {}\n`;
    const files = { 'list.yaml': list };
    const run = review(files, [wantsNonRoot]);
    const io = memoryIO(files);
    runFix('write', { ...run, settings, roots: ['.'] }, io);
    assert.equal(
      io.writes['list.yaml'],
      `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: one}\n  spec:\n    containers: []\n    securityContext:\n      runAsNonRoot: true\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: two}\n  spec:\n    securityContext:\n      runAsNonRoot: true\n`,
    );
    const again = review({ 'list.yaml': io.writes['list.yaml']! }, [wantsNonRoot]);
    assert.deepEqual(again.findings, [], 're-review of the written file is clean');
  });

  it('edits each document in place in a multi-document file', () => {
    const text = `# lead comment\n${POD('p0')}---\n# second\n${POD('p1', '  securityContext:\n    runAsNonRoot: true\n')}...\n---\n${POD('p2')}# trailing\n`;
    const run = review({ 'm.yaml': text }, [wantsNonRoot]);
    assert.equal(run.findings.length, 2);
    const io = memoryIO({ 'm.yaml': text });
    runFix('write', { ...run, settings, roots: ['.'] }, io);
    const added = '  securityContext:\n    runAsNonRoot: true\n';
    assert.equal(
      io.writes['m.yaml'],
      `# lead comment\n${POD('p0')}${added}---\n# second\n${POD('p1', added)}...\n---\n${POD('p2')}${added}# trailing\n`,
    );
  });

  it('diffs with the unified format quirks', () => {
    assert.equal(unifiedDiff('x', 'a\n', 'a\n'), '');
    assert.equal(
      unifiedDiff('/abs/x.yaml', '', 'a\n'),
      '--- /abs/x.yaml\n+++ /abs/x.yaml\n@@ -0,0 +1,1 @@\n+a\n',
    );
  });
});
