import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { decodeText, InputBudget, InputBudgetError, InputLimitError, readBounded } from './read-input.ts';

const MIB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'shipshape-read-input-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('readBounded', () => {
  it('reads a regular file within its limits and counts it against the run', () => {
    const budget = new InputBudget(MIB);
    assert.equal(readBounded(file('a.yaml', 'kind: A\n'), { budget }).toString(), 'kind: A\n');
    assert.equal(budget.used, 8);
  });

  it('refuses a file over the per-file limit, naming the flag that raises it', () => {
    const path = file('big.yaml', Buffer.alloc(2 * MIB, 'a'));
    assert.throws(
      () => readBounded(path, { maxBytes: MIB, maxBytesFlag: '--max-file-size', label: 'the file' }),
      (e: Error) =>
        e instanceof InputLimitError &&
        e.message === 'the file is 2.0 MiB, over the 1.0 MiB limit; raise it with --max-file-size; not read',
    );
  });

  it('refuses what would take the run over its total, and counts refusals', () => {
    const budget = new InputBudget(1.5 * MIB);
    const path = file('one.yaml', Buffer.alloc(MIB, 'a'));
    readBounded(path, { budget });
    assert.throws(() => readBounded(path, { budget }), InputBudgetError);
    assert.throws(() => readBounded(path, { budget }), /over the 1\.5 MiB limit \(1\.0 MiB read before it\)/);
    assert.equal(budget.refused, 2);
    assert.equal(budget.used, MIB);
  });

  it('caps what a .gz decompresses to, by the run total and by the per-input limit', () => {
    const bomb = file('bomb.json.gz', gzipSync(Buffer.alloc(64 * MIB)));
    assert.ok(bomb.length < 100 * 1024);
    assert.throws(
      () => readBounded(bomb, { gunzip: true, budget: new InputBudget(8 * MIB) }),
      (e: Error) =>
        e instanceof InputBudgetError && /decompresses to more than the 8\.0 MiB left/.test(e.message),
    );
    assert.throws(
      () => readBounded(bomb, { gunzip: true, maxBytes: 4 * MIB, maxBytesFlag: '--max-file-size' }),
      /decompresses to more than 4\.0 MiB, over the limit for one input; raise it with --max-file-size/,
    );
    const budget = new InputBudget(MIB);
    const small = file('small.json.gz', gzipSync('{"kind":"List"}'));
    assert.equal(readBounded(small, { gunzip: true, budget }).toString(), '{"kind":"List"}');
    assert.equal(budget.used, 15);
  });

  it('refuses devices and named pipes, which never end or block forever', () => {
    assert.throws(() => readBounded('/dev/zero'), /"\/dev\/zero" is a device, not a file/);
    const fifo = join(dir, 'pipe.yaml');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    assert.throws(() => readBounded(fifo), /is a named pipe \(FIFO\).*pipe the text to stdin/);
  });

  it('reads a pipe handed over as /dev/fd/N (process substitution), capped', () => {
    const script = `import('${join(import.meta.dirname, 'read-input.ts')}').then((m) => { try { process.stdout.write(String(m.readBounded('/dev/fd/3', { maxBytes: 1024 }).length)); } catch (e) { process.stdout.write(e.message); } })`;
    const run = (input: string) =>
      spawnSync('bash', ['-c', `"${process.execPath}" -e "$0" 3< <(printf '%s' "$1")`, script, input], {
        encoding: 'utf8',
      }).stdout;
    assert.equal(run('kind: A\n'), '8');
    assert.match(run('a'.repeat(2000)), /over the 0\.0 MiB limit|over the .* limit/);
  });
});

describe('decodeText', () => {
  it('reads UTF-8, dropping a byte order mark', () => {
    assert.equal(decodeText(Buffer.from('\uFEFFkind: A', 'utf8'), 'x'), 'kind: A');
  });

  it('names UTF-16 and UTF-32, with or without a byte order mark, and how to convert', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\n';
    const utf16be = Buffer.from(text, 'utf16le').swap16();
    const utf32le = Buffer.concat([...text].map((c) => Buffer.from([c.charCodeAt(0), 0, 0, 0])));
    const cases: [Buffer, string][] = [
      [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'UTF-16LE'],
      [Buffer.from(text, 'utf16le'), 'UTF-16LE'],
      [utf16be, 'UTF-16BE'],
      [utf32le, 'UTF-32LE'],
      [Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32le]), 'UTF-32LE'],
    ];
    for (const [bytes, encoding] of cases)
      assert.throws(
        () => decodeText(bytes, 'the file'),
        new RegExp(
          `the file is ${encoding} text; shipshape reads UTF-8 \\(convert it: iconv -f ${encoding} -t UTF-8\\)`,
        ),
      );
  });

  it('leaves binary data with NUL bytes to the binary check', () => {
    assert.equal(decodeText(Buffer.from([1, 2, 0, 0, 0, 9, 0, 1, 1, 1]), 'x').length, 10);
  });
});
