import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Problem } from '../core/problem.ts';
import { type WalkOptions, walkTree } from './walk-tree.ts';

const base = mkdtempSync(join(tmpdir(), 'shipshape-walk-'));
after(() => {
  chmodSync(join(base, 'tree', 'locked'), 0o755);
  rmSync(base, { recursive: true, force: true });
});

// tree/
//   a.yaml  b.txt  z.yml
//   .git/x.yaml            (skipped directory)
//   chart/Chart.yaml c.yaml (taken whole by the caller)
//   sub/d.yaml
//   locked/e.yaml          (unreadable)
//   in.yaml -> sub/d.yaml  (link inside the tree)
//   loop -> .              (link to an ancestor)
//   out.yaml -> ../outside.yaml, gone.yaml -> nowhere
const tree = join(base, 'tree');
for (const dir of ['.git', 'chart', 'sub', 'locked']) mkdirSync(join(tree, dir), { recursive: true });
for (const file of [
  'a.yaml',
  'b.txt',
  'z.yml',
  '.git/x.yaml',
  'chart/Chart.yaml',
  'chart/c.yaml',
  'sub/d.yaml',
])
  writeFileSync(join(tree, file), 'x: 1\n');
writeFileSync(join(tree, 'locked', 'e.yaml'), 'x: 1\n');
writeFileSync(join(base, 'outside.yaml'), 'x: 1\n');
symlinkSync(join(tree, 'sub', 'd.yaml'), join(tree, 'in.yaml'));
symlinkSync(tree, join(tree, 'loop'));
symlinkSync(join(base, 'outside.yaml'), join(tree, 'out.yaml'));
symlinkSync(join(base, 'nowhere.yaml'), join(tree, 'gone.yaml'));
chmodSync(join(tree, 'locked'), 0o000);
const runsAsRoot = process.getuid?.() === 0;

function walk(options: Partial<WalkOptions> = {}): { files: string[]; problems: Problem[] } {
  const files: string[] = [];
  const problems: Problem[] = [];
  walkTree(tree, {
    wanted: (name) => /\.ya?ml$/.test(name),
    skipDirectories: new Set(['.git']),
    links: 'inside-root',
    visited: new Set(),
    file: (path) => files.push(relative(tree, path)),
    problem: (problem) => problems.push({ ...problem, file: relative(tree, problem.file ?? '') }),
    ...options,
  });
  return { files, problems };
}

describe('walkTree', () => {
  it('visits wanted files in name order, skips named directories, follows links only inside the tree', () => {
    const { files, problems } = walk({
      directory: (dir, names) => names.has('Chart.yaml') && dir.endsWith('chart'),
    });
    const readable = runsAsRoot ? ['locked/e.yaml'] : [];
    assert.deepEqual(files, ['a.yaml', 'in.yaml', ...readable, 'sub/d.yaml', 'z.yml']);
    const messages = problems.map((p) => `${p.file}: ${p.message.replace(base, '<base>')}`);
    assert.ok(
      messages.some((m) => /^gone\.yaml: cannot read .*missing or unreadable target/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => /^out\.yaml: symbolic link to a file outside .*not followed/.test(m)),
      messages.join('\n'),
    );
    if (!runsAsRoot)
      assert.ok(
        messages.some((m) => /^locked: cannot read directory .*permission denied/.test(m)),
        messages.join('\n'),
      );
  });

  it('walks each real directory once (a link back to an ancestor is no loop)', () => {
    const { files } = walk({ excluded: (path) => path.includes('locked') });
    assert.equal(files.filter((f) => f.endsWith('d.yaml')).length, 1);
    assert.ok(files.includes('chart/c.yaml'), 'without a directory callback every directory is descended');
  });

  it('with links "never", reads no link at all and reports none', () => {
    const { files, problems } = walk({ links: 'never', excluded: (path) => path.endsWith('locked') });
    assert.deepEqual(files, ['a.yaml', 'chart/c.yaml', 'chart/Chart.yaml', 'sub/d.yaml', 'z.yml']);
    assert.deepEqual(problems, []);
  });

  it('excluded paths are neither read nor reported', () => {
    const { files, problems } = walk({ excluded: (path) => /(sub|locked|gone|out)/.test(path) });
    assert.ok(!files.some((f) => f.startsWith('sub/')));
    assert.deepEqual(problems, []);
  });
});
