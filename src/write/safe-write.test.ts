// The write-safety rules of every writer (safe-write.ts), on real files in a temporary directory.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  AppendOnlyFile,
  createNewFile,
  createPrivateDirectory,
  createTemporary,
  prepareWrite,
  WriteError,
  writeFileSafely,
} from './safe-write.ts';

const root = mkdtempSync(join(tmpdir(), 'shipshape-safe-write-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
/** A fresh directory with a "victim" file outside it that no write may touch. */
function scene() {
  const base = join(root, String(n++));
  const tree = join(base, 'tree');
  mkdirSync(tree, { recursive: true });
  const victim = join(base, 'victim.txt');
  writeFileSync(victim, 'precious\n');
  return { tree, victim };
}
const mode = (path: string) => statSync(path).mode & 0o7777;
const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.includes('shipshape-tmp'));
const isRoot = process.getuid?.() === 0;

describe('writeFileSafely', () => {
  it('creates a new file with the usual mode and leaves no temporary file', () => {
    const { tree } = scene();
    const file = join(tree, 'out.json');
    const result = writeFileSafely(file, '{"a":1}');
    assert.equal(readFileSync(file, 'utf8'), '{"a":1}');
    assert.deepEqual(result, { path: file, written: file, notes: [] });
    assert.equal(mode(file), 0o666 & ~process.umask());
    assert.deepEqual(leftovers(tree), []);
  });

  it('creates files that may hold secrets 0600, and narrows an existing one to 0600', () => {
    const { tree } = scene();
    const fresh = join(tree, 'snapshot.json');
    writeFileSafely(fresh, 'x', { secret: true });
    assert.equal(mode(fresh), 0o600);
    const wide = join(tree, 'old.json');
    writeFileSync(wide, 'old');
    chmodSync(wide, 0o644);
    writeFileSafely(wide, 'new', { secret: true });
    assert.equal(mode(wide), 0o600);
  });

  it('keeps the mode of an existing file, set-id and execute bits included', () => {
    const { tree } = scene();
    const file = join(tree, 'deploy.yaml');
    writeFileSync(file, 'old');
    chmodSync(file, 0o2750);
    writeFileSafely(file, 'new');
    assert.equal(readFileSync(file, 'utf8'), 'new');
    assert.equal(mode(file), 0o2750);
  });

  it('keeps the owner and group of an existing file', { skip: !isRoot && 'needs root to chown' }, () => {
    const { tree } = scene();
    const file = join(tree, 'owned.yaml');
    writeFileSync(file, 'old');
    chownSync(file, 4321, 4322);
    writeFileSafely(file, 'new');
    const stat = statSync(file);
    assert.deepEqual([stat.uid, stat.gid, readFileSync(file, 'utf8')], [4321, 4322, 'new']);
  });

  it('refuses, untouched, a file whose owner it could not keep', {
    skip: !isRoot && 'needs root to set up',
  }, () => {
    const { tree } = scene();
    chmodSync(tree, 0o777);
    chmodSync(join(tree, '..'), 0o755);
    chmodSync(root, 0o755);
    const file = join(tree, 'theirs.yaml');
    writeFileSync(file, 'old');
    chmodSync(file, 0o666);
    const module = fileURLToPath(new URL('./safe-write.ts', import.meta.url));
    const script = `import { writeFileSafely } from ${JSON.stringify(module)};
      try { writeFileSafely(${JSON.stringify(file)}, 'new'); console.log('written'); } catch (e) { console.log(e.message); }`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      uid: 65534,
      gid: 65534,
    });
    assert.match(run.stdout, /cannot keep the owner and group of ".*theirs\.yaml" \(uid 0, gid 0\)/);
    assert.equal(readFileSync(file, 'utf8'), 'old');
    assert.deepEqual(leftovers(tree), []);
  });

  it('refuses a target that is a symbolic link, and the file it points to is untouched', () => {
    const { tree, victim } = scene();
    const link = join(tree, 'snapshot.json');
    symlinkSync(victim, link);
    assert.throws(
      () => writeFileSafely(link, 'x'),
      (e: Error) =>
        e instanceof WriteError &&
        /"[^"]*snapshot\.json" is a symbolic link to "[^"]*victim\.txt"/.test(e.message),
    );
    assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
  });

  it('writes the real file of a symbolic link inside the given paths, and says so', () => {
    const { tree } = scene();
    const real = join(tree, 'base', 'deploy.yaml');
    mkdirSync(join(tree, 'base'));
    writeFileSync(real, 'old');
    chmodSync(real, 0o640);
    const link = join(tree, 'deploy.yaml');
    symlinkSync('base/deploy.yaml', link);
    const result = writeFileSafely(link, 'new', { followSymlinkWithin: [tree] });
    assert.equal(readFileSync(real, 'utf8'), 'new');
    assert.equal(mode(real), 0o640);
    assert.ok(statSync(link, { throwIfNoEntry: true }) && readFileSync(link, 'utf8') === 'new');
    assert.equal(result.written, real);
    assert.match(result.notes[0]!, /is a symbolic link: its target ".*base\/deploy\.yaml" was edited/);
  });

  it('refuses a symbolic link (or a linked directory) that leads outside the given paths', () => {
    const { tree, victim } = scene();
    const link = join(tree, 'deploy.yaml');
    symlinkSync(victim, link);
    assert.throws(
      () => writeFileSafely(link, 'x', { followSymlinkWithin: [tree] }),
      /outside the paths given/,
    );
    const outside = join(tree, '..', 'elsewhere');
    mkdirSync(outside);
    writeFileSync(join(outside, 'app.yaml'), 'theirs');
    symlinkSync(outside, join(tree, 'linked'));
    assert.throws(
      () => writeFileSafely(join(tree, 'linked', 'app.yaml'), 'x', { followSymlinkWithin: [tree] }),
      /outside the paths given/,
    );
    assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
    assert.equal(readFileSync(join(outside, 'app.yaml'), 'utf8'), 'theirs');
  });

  it('never follows a symlink planted at the temporary name: it takes another name', () => {
    const { tree, victim } = scene();
    const target = join(tree, 'deploy.yaml');
    const planted = join(tree, '.deploy.yaml.guessed.shipshape-tmp');
    symlinkSync(victim, planted);
    const names = [planted, join(tree, '.deploy.yaml.fresh.shipshape-tmp')];
    const temporary = createTemporary(target, 0o600, () => names.shift()!);
    writeSync(temporary.fd, 'mine');
    closeSync(temporary.fd);
    assert.equal(temporary.path, join(tree, '.deploy.yaml.fresh.shipshape-tmp'));
    assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
  });

  it('replaces a hard-linked file by a new one: the other name keeps the old content', () => {
    const { tree } = scene();
    const file = join(tree, 'deploy.yaml');
    writeFileSync(file, 'old');
    const other = join(tree, '..', 'other-name.yaml');
    linkSync(file, other);
    const result = writeFileSafely(file, 'new');
    assert.equal(readFileSync(file, 'utf8'), 'new');
    assert.equal(readFileSync(other, 'utf8'), 'old');
    assert.match(result.notes[0]!, /had 1 other hard link\(s\): it was replaced by a new file/);
  });

  it('runs the check on the exact bytes first; a failed check leaves the file as it was', () => {
    const { tree } = scene();
    const file = join(tree, 'deploy.json');
    writeFileSync(file, '{"ok":true}');
    assert.throws(
      () => writeFileSafely(file, '{"ok": tru', { check: (b) => JSON.parse(b.toString('utf8')) }),
      /cannot write ".*deploy\.json": .*JSON/,
    );
    assert.equal(readFileSync(file, 'utf8'), '{"ok":true}');
    assert.deepEqual(leftovers(tree), []);
  });

  it('refuses directories and non-regular files', () => {
    const { tree } = scene();
    assert.throws(() => writeFileSafely(tree, 'x'), /it is a directory/);
    const fifo = join(tree, 'pipe');
    spawnSync('mkfifo', [fifo]);
    assert.throws(() => writeFileSafely(fifo, 'x'), /not a regular file/);
  });

  it('fails at prepare time, before any slow work, when the destination cannot be written', () => {
    const { tree } = scene();
    assert.throws(
      () => prepareWrite(join(tree, 'missing', 'x.json')),
      /directory ".*missing" does not exist/,
    );
    const file = join(tree, 'not-a-dir');
    writeFileSync(file, '');
    assert.throws(() => prepareWrite(join(file, 'x.json')), /a part of the path is not a directory/);
    const pending = prepareWrite(join(tree, 'later.json'));
    assert.equal(leftovers(tree).length, 1, 'the temporary file exists from the start');
    pending.abort();
    assert.deepEqual(readdirSync(tree), ['not-a-dir']);
  });
});

describe('new files and directories for backups', () => {
  it('creates a private directory exclusively, and 0600 files in it that never replace anything', () => {
    const { tree, victim } = scene();
    const dir = join(tree, 'backups', '2026-01-01');
    createPrivateDirectory(dir);
    assert.equal(mode(dir), 0o700);
    assert.throws(() => createPrivateDirectory(dir), /cannot create the directory .*: it already exists/);
    createNewFile(join(dir, 'a.yaml'), 'kind: ConfigMap\n');
    assert.equal(mode(join(dir, 'a.yaml')), 0o600);
    assert.throws(() => createNewFile(join(dir, 'a.yaml'), 'again'), /it already exists/);
    symlinkSync(victim, join(dir, 'b.yaml'));
    assert.throws(() => createNewFile(join(dir, 'b.yaml'), 'x'), /cannot create/);
    assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
  });

  it('appends a log line by line, 0600, refusing a planted file', () => {
    const { tree, victim } = scene();
    const log = new AppendOnlyFile(join(tree, 'apply-log.jsonl'));
    log.append('{"step":"start"}\n');
    log.append('{"step":"end"}\n');
    log.close();
    assert.equal(readFileSync(join(tree, 'apply-log.jsonl'), 'utf8'), '{"step":"start"}\n{"step":"end"}\n');
    assert.equal(mode(join(tree, 'apply-log.jsonl')), 0o600);
    symlinkSync(victim, join(tree, 'planted.jsonl'));
    assert.throws(() => new AppendOnlyFile(join(tree, 'planted.jsonl')), /cannot create/);
  });
});
