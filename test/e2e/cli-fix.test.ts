import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { FIXTURES, fixtureCopy, shipshape } from './cli-support.ts';

// A fixable check that is part of the review set (sets allowPrivilegeEscalation: false on each container).
const FIXABLE = ['--include', 'container-privilege-escalation-allowed'];
const ORIGINAL = readFileSync(join(FIXTURES, 'fix/deploy.yaml'), 'utf8');

/** Lines of `after` that are not in `before`, checking that every original line is kept, in order. */
function addedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const added: string[] = [];
  let i = 0;
  for (const line of after.split('\n')) {
    if (i < a.length && line === a[i]) i++;
    else added.push(line);
  }
  assert.equal(i, a.length, `every original line survives, in order:\n${after}`);
  return added;
}

describe('review --fix', () => {
  it('--fix=diff prints a unified diff on stdout, writes nothing, and logs on stderr', () => {
    const { dir, cleanup } = fixtureCopy();
    after(cleanup);
    const run = shipshape(['review', 'fix', ...FIXABLE, '--fix=diff'], { cwd: dir });
    assert.equal(readFileSync(join(dir, 'fix/deploy.yaml'), 'utf8'), ORIGINAL);
    assert.match(run.stderr, /^would fix 2 findings in 1 file: fix\/deploy\.yaml$/m);
    assert.ok(run.stdout.startsWith('--- a/fix/deploy.yaml\n+++ b/fix/deploy.yaml\n@@ '), run.stdout);
    const plus = run.stdout.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'));
    assert.deepEqual(plus, [
      '+          allowPrivilegeEscalation: false',
      '+          securityContext:',
      '+            allowPrivilegeEscalation: false',
    ]);
    assert.ok(run.stdout.includes('-          securityContext: {}'), run.stdout);
  });

  it('--fix writes only the added lines, keeps comments and formatting, then reports what is left', () => {
    const { dir, cleanup } = fixtureCopy();
    after(cleanup);
    const run = shipshape(['review', 'fix', 'broken', ...FIXABLE, '--fix', '-o', 'json'], { cwd: dir });
    const fixed = readFileSync(join(dir, 'fix/deploy.yaml'), 'utf8');
    const lines = fixed.split('\n');
    const removed = ORIGINAL.split('\n').filter((l) => !lines.includes(l));
    assert.deepEqual(removed, ['          securityContext: {}'], 'only the empty flow mapping is rewritten');
    assert.deepEqual(addedLines(ORIGINAL.replace('          securityContext: {}\n', ''), fixed), [
      '          allowPrivilegeEscalation: false',
      '          securityContext:',
      '            allowPrivilegeEscalation: false',
    ]);
    assert.match(run.stderr, /^fixed 2 findings in 1 file: fix\/deploy\.yaml$/m);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(
      report.findings.filter((f: { file: string }) => f.file === 'fix/deploy.yaml'),
      [],
      'the re-review after writing finds nothing left to fix',
    );
    assert.equal(
      readFileSync(join(dir, 'app/app.yaml'), 'utf8'),
      readFileSync(join(FIXTURES, 'app/app.yaml'), 'utf8'),
    );
    const again = shipshape(['review', 'fix', ...FIXABLE, '--fix'], { cwd: dir });
    assert.match(again.stderr, /^nothing to fix$/m);
    assert.equal(readFileSync(join(dir, 'fix/deploy.yaml'), 'utf8'), fixed, 'a second --fix changes nothing');
  });

  it('says why stdin cannot be fixed', () => {
    const input =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: redis:7.4\n';
    const run = shipshape(['review', '-', ...FIXABLE, '--fix'], { input });
    assert.match(
      run.stderr,
      /not fixed: <stdin>:6: Pod p \[container-privilege-escalation-allowed\] set allowPrivilegeEscalation: false: read from stdin/,
    );
  });
});
