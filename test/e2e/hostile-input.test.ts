// Inputs a hostile but honest user hands the CLI: endless files, decompression bombs, more input than a run should
// read, pipes, other encodings, links out of the tree, the same file twice. Each ends with a message naming the
// cause and what to do, within the limits (docs/decisions/0033-hostile-input.md).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'src', 'cli', 'main.ts');
const APP = join(ROOT, 'examples', 'clean-app', 'app.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'shipshape-hostile-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], input?: string | Buffer): Run {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
    maxBuffer: 1 << 26,
    ...(input !== undefined ? { input } : {}),
  });
  assert.equal(run.error, undefined, `child failed: ${run.error?.message}`);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface JsonReport {
  summary: { objects: number };
  findings: { check: string }[];
  errors: { file?: string; message: string; level?: string }[];
}

function json(run: Run): JsonReport {
  return JSON.parse(run.stdout) as JsonReport;
}

describe('endless and oversized input', () => {
  it('/dev/zero named as a manifest is refused as a device', () => {
    const run = cli(['review', '-o', 'json', '/dev/zero']);
    assert.equal(run.status, 2);
    assert.deepEqual(
      json(run).errors.map((e) => e.message),
      ['"/dev/zero" is a device, not a file; not read'],
    );
  });

  it('stdin is capped like a file', () => {
    // Through a shell pipe: the CLI stops reading at the limit, and the writer gets EPIPE, as it should.
    const run = spawnSync(
      'bash',
      ['-c', `head -c 40M /dev/zero | tr '\\0' '#' | "${process.execPath}" "${CLI}" review -o json -`],
      { encoding: 'utf8' },
    );
    assert.equal(run.status, 2);
    assert.deepEqual(
      json(run).errors.map((e) => e.message),
      ['stdin is over the 32.0 MiB limit; raise it with --max-file-size; not read'],
    );
  });

  it('the total read in a run is capped: the first file refused is named, the rest counted', () => {
    const dir = join(tmp, 'many');
    mkdirSync(dir);
    for (let i = 1; i <= 5; i++) writeFileSync(join(dir, `f${i}.yaml`), `# ${'x'.repeat(700_000)}\n`);
    const run = cli(['review', '-o', 'json', '--max-input-size', '1.5', dir]);
    assert.equal(run.status, 2);
    const messages = json(run).errors.map((e) => e.message);
    assert.equal(messages.length, 2);
    assert.match(messages[0]!, /would take the input read in this run over the 1\.5 MiB limit/);
    assert.equal(
      messages[1],
      "2 more files not read: the run's input limit of 1.5 MiB was reached (raise it with --max-input-size)",
    );
  });

  it('a gzip bomb snapshot stops at the input limit', () => {
    const bomb = join(tmp, 'bomb.json.gz');
    const list = Buffer.concat([
      Buffer.from('{"apiVersion":"v1","kind":"List","items":['),
      Buffer.alloc(64 << 20, 32),
      Buffer.from(']}'),
    ]);
    writeFileSync(bomb, gzipSync(list, { level: 9 }));
    const run = cli(['diagnose', '--snapshot', bomb, '--max-input-size', '16']);
    assert.equal(run.status, 2);
    assert.match(
      run.stdout,
      /cannot read snapshot: the snapshot decompresses to more than the 16\.0 MiB left/,
    );
  });
});

describe('pipes, encodings, links, repeats', () => {
  it('a process substitution path (/dev/fd/N) is read', () => {
    const run = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" review -o json <(cat "${APP}")`], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.ok(json({ status: 0, stdout: run.stdout, stderr: '' }).summary.objects > 0);
  });

  it('a named pipe is refused, saying to use stdin', () => {
    const fifo = join(tmp, 'pipe.yaml');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const run = cli(['review', '-o', 'json', fifo]);
    assert.match(json(run).errors[0]?.message ?? '', /named pipe \(FIFO\).*pipe the text to stdin/);
  });

  it('UTF-16 and UTF-32 files are named as such, with how to convert them', () => {
    const text = readFileSync(APP, 'utf8');
    const utf16 = join(tmp, 'utf16.yaml');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const run = cli(['review', '-o', 'json', utf16]);
    assert.equal(run.status, 2);
    assert.deepEqual(
      json(run).errors.map((e) => e.message),
      ['the file is UTF-16LE text; shipshape reads UTF-8 (convert it: iconv -f UTF-16LE -t UTF-8)'],
    );
  });

  it('links out of the tree are not followed, and the report says which; links inside are', () => {
    const repo = join(tmp, 'repo');
    const outside = join(tmp, 'outside');
    mkdirSync(join(repo, 'base'), { recursive: true });
    mkdirSync(outside);
    copyFileSync(APP, join(repo, 'base', 'app.yaml'));
    copyFileSync(APP, join(outside, 'secret.yaml'));
    symlinkSync(outside, join(repo, 'out-dir'));
    symlinkSync(join(outside, 'secret.yaml'), join(repo, 'out-file.yaml'));
    symlinkSync(join(repo, 'base'), join(repo, 'in-dir'));
    const run = cli(['review', '-o', 'json', '--fail-on', 'none', repo]);
    assert.equal(run.status, 0, run.stderr);
    const report = json(run);
    const warnings = report.errors.filter((e) => e.level === 'warning');
    assert.deepEqual(
      warnings.map((e) => [e.file, e.message.replace(tmp, '<tmp>').replace(tmp, '<tmp>')]),
      [
        [
          join(repo, 'out-dir'),
          'symbolic link to a directory outside "<tmp>/repo" (<tmp>/outside); not followed (name it on the command line to read it)',
        ],
        [
          join(repo, 'out-file.yaml'),
          'symbolic link to a file outside "<tmp>/repo" (<tmp>/outside/secret.yaml); not followed (name it on the command line to read it)',
        ],
      ],
    );
    // base/ read once, though in-dir/ leads there too.
    const once = json(cli(['review', '-o', 'json', '--fail-on', 'none', join(repo, 'base')])).summary.objects;
    assert.equal(report.summary.objects, once);
  });

  it('the same file given twice is read once, not reported as duplicate objects', () => {
    const run = cli(['review', '-o', 'json', '--fail-on', 'none', APP, APP]);
    assert.equal(run.status, 0);
    const report = json(run);
    assert.deepEqual(
      report.findings.filter((f) => f.check === 'object-duplicate'),
      [],
    );
    assert.deepEqual(
      report.errors.map((e) => [e.level, e.message]),
      [['warning', `the same file as "${APP}", given twice; read once`]],
    );
  });
});
