// Bad input through the real CLI: every broken file gets a clear entry in `errors` (file, line where there is
// one, reason), the other files are still reviewed, the exit code is 2, stderr has no stack trace, and memory
// stays bounded. Fixtures are generated here into a temp dir (nothing huge is committed).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'src', 'cli', 'main.ts');

interface ReportError {
  file?: string;
  line?: number;
  column?: number;
  message: string;
}
interface Report {
  summary: { objects: number; findings: number };
  findings: { check: string; file?: string; object: { kind: string; name: string } }[];
  errors: ReportError[];
  skipped?: { file: string; reason: string }[];
}
interface Run {
  status: number | null;
  report: Report;
  stderr: string;
  /** Peak resident set size of the child, in MiB. */
  maxRssMiB: number;
}

/** Runs the CLI in a child; a --require hook makes the child print its own peak RSS on exit. */
function review(args: string[], options: { uid?: number } = {}): Run {
  const run = spawnSync(process.execPath, [CLI, 'review', '-o', 'json', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    timeout: 180_000,
    env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: `--require=${join(tmp, 'rss-hook.cjs')}` },
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
  });
  assert.equal(run.error, undefined, `child failed: ${run.error?.message}`);
  const isRss = (l: string) => l.startsWith('shipshape-test-maxrss ');
  const lines = run.stderr.split('\n');
  const rssKiB = Math.max(0, ...lines.filter(isRss).map((l) => Number(l.split(' ')[1])));
  const stderr = lines.filter((l) => !isRss(l)).join('\n');
  let report: Report;
  try {
    report = JSON.parse(run.stdout) as Report;
  } catch {
    assert.fail(
      `stdout is not a JSON report (status ${run.status}):\n${run.stdout.slice(0, 500)}\n${stderr}`,
    );
  }
  return { status: run.status, report, stderr, maxRssMiB: rssKiB / 1024 };
}

function assertNoStackTrace(stderr: string): void {
  assert.doesNotMatch(stderr, /internal error|^\s+at .+[(:]\d+/m, `stack trace on stderr:\n${stderr}`);
}

/** Exactly the errors of one file; each names the file and has a non-empty reason. */
function errorsOf(report: Report, file: string): ReportError[] {
  return report.errors.filter((e) => e.file === file);
}

let tmp: string;
const f = (name: string) => join(tmp, 'all', name);

const GOOD = `apiVersion: v1
kind: Pod
metadata:
  name: good
spec:
  containers:
    - name: app
      image: registry.example/app:latest
`;

/** A "billion laughs": 10 levels of 9 aliases each, 9^10 leaves when expanded. */
function aliasBomb(): string {
  const lines = ['  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const name = String.fromCharCode(97 + i);
    const prev = String.fromCharCode(96 + i);
    lines.push(`  ${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n${lines.join('\n')}\n`;
}

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'shipshape-bad-input-'));
  chmodSync(tmp, 0o755);
  // Every child writes its own peak RSS (KiB) to stderr on exit.
  writeFileSync(
    join(tmp, 'rss-hook.cjs'),
    "process.on('exit', () => process.stderr.write('shipshape-test-maxrss ' + process.resourceUsage().maxRSS + '\\n'));\n",
  );
  mkdirSync(join(tmp, 'all'));
  writeFileSync(f('good.yaml'), GOOD);
  writeFileSync(f('tabs.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: tabs\n');
  writeFileSync(
    f('unclosed-quote.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "open\ndata: {}\n',
  );
  writeFileSync(
    f('duplicate-keys.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n  name: two\n',
  );
  writeFileSync(f('alias-bomb.yaml'), aliasBomb());
  const binary = Buffer.alloc(4096);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919) % 256;
  writeFileSync(f('binary.yaml'), binary);
  writeFileSync(
    f('invalid-utf8.yaml'),
    Buffer.concat([
      Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('\n'),
    ]),
  );
  writeFileSync(f('empty-documents.yaml'), '---\n---\n# only a comment\n---\n');
  writeFileSync(f('no-kind.yaml'), 'metadata:\n  name: nothing\nspec: {}\n');
  writeFileSync(f('compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n    ports: ["80:80"]\n');
  writeFileSync(f('scalar.yaml'), 'just a string\n');
  writeFileSync(
    f('unknown-kind.yaml'),
    'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: gadget\nspec: {size: 3}\n',
  );
  writeFileSync(
    f('pod.json'),
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'from-json' },
      spec: { containers: [{ name: 'app', image: 'registry.example/app:latest' }] },
    }),
  );
  writeFileSync(
    f('list.yaml'),
    'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: listed\n  - 42\n',
  );
  writeFileSync(
    f('pod-list.yaml'),
    'apiVersion: v1\nkind: PodList\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: in-pod-list\n    spec:\n      containers:\n        - name: app\n          image: registry.example/app:latest\n',
  );
  symlinkSync(join(tmp, 'does-not-exist.yaml'), f('dangling-link.yaml'));
  const fifo = spawnSync('mkfifo', [f('pipe.yaml')]);
  assert.equal(fifo.status, 0, 'mkfifo is needed for the named-pipe case');
  // 50 MiB of valid YAML, over the default 32 MiB limit.
  const doc = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big-NNN\ndata:\n  k: "${'x'.repeat(1000)}"\n---\n`;
  const chunk = Array.from({ length: 1000 }, (_, i) => doc.replace('NNN', String(i))).join('');
  const big = Buffer.from(chunk.repeat(Math.ceil((50 * 1024 * 1024) / chunk.length)));
  mkdirSync(join(tmp, 'big'));
  writeFileSync(join(tmp, 'big', 'huge.yaml'), big);
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** [file, pattern of the single error's message, line (undefined = whole file)] */
const BROKEN: [string, RegExp, number | undefined][] = [
  ['tabs.yaml', /tab/i, 4],
  ['unclosed-quote.yaml', /quote/i, undefined],
  ['duplicate-keys.yaml', /unique|duplicate/i, 5],
  ['alias-bomb.yaml', /alias/i, undefined],
  ['binary.yaml', /binary/i, undefined],
  ['invalid-utf8.yaml', /UTF-8/, undefined],
  ['no-kind.yaml', /missing "apiVersion" and "kind"/, 1],
  ['compose.yaml', /Docker Compose/, 1],
  ['scalar.yaml', /not a mapping/, 1],
  ['dangling-link.yaml', /symbolic link|no such file/, undefined],
];

/** Clearly not manifests: errors when named on the command line, skipped when met while walking a directory. */
const SKIPPED_WHEN_WALKED = new Set(['compose.yaml', 'scalar.yaml']);

/** Each child costs a Node start-up on a shared machine: runs are shared by the tests that read them. */
const memo = new Map<string, Run>();
function once(key: string, make: () => Run): Run {
  let run = memo.get(key);
  if (!run) {
    run = make();
    memo.set(key, run);
  }
  return run;
}
const huge = () => join(tmp, 'big', 'huge.yaml');
const missing = () => join(tmp, 'nope', 'missing.yaml');
/** Every broken input named on one command line, with one good file. */
const brokenRun = () =>
  once('broken', () =>
    review([...BROKEN.map(([name]) => f(name)), f('pipe.yaml'), missing(), huge(), f('good.yaml')]),
  );

describe('bad input named on the command line', () => {
  it('exits 2 with no stack trace and still reviews the good file', () => {
    const run = brokenRun();
    assert.equal(run.status, 2);
    assertNoStackTrace(run.stderr);
    assert.equal(run.report.summary.objects, 1);
    assert.deepEqual(
      run.report.findings.filter((x) => x.check === 'image-tag-mutable').map((x) => x.object.name),
      ['good'],
    );
  });

  it('every error names its file and gives a reason', () => {
    const run = brokenRun();
    const named = new Set([...BROKEN.map(([name]) => f(name)), f('pipe.yaml'), missing(), huge()]);
    for (const error of run.report.errors) {
      assert.ok(error.file && named.has(error.file), `unexpected error: ${JSON.stringify(error)}`);
      assert.ok(error.message.trim().length > 10, `terse: ${error.message}`);
    }
  });

  for (const [name, pattern, line] of BROKEN) {
    it(`${name}: a clear error${line ? ` at line ${line}` : ''}`, () => {
      const errors = errorsOf(brokenRun().report, f(name));
      assert.equal(errors.length, 1, `errors for ${name}: ${JSON.stringify(errors)}`);
      assert.match(errors[0]!.message, pattern);
      if (line !== undefined) assert.equal(errors[0]!.line, line);
    });
  }

  it('unclosed quote: the error has a line inside the file', () => {
    const error = errorsOf(brokenRun().report, f('unclosed-quote.yaml'))[0]!;
    assert.ok(error.line !== undefined && error.line >= 4 && error.line <= 6, `line ${error.line}`);
  });

  it('a named pipe is reported, not read (reading it would block forever)', () => {
    assert.match(
      errorsOf(brokenRun().report, f('pipe.yaml'))[0]?.message ?? '',
      /not a regular file|named pipe/,
    );
  });

  it('a path that does not exist', () => {
    assert.match(errorsOf(brokenRun().report, missing())[0]?.message ?? '', /no such file/);
  });

  it('a 50 MiB file is refused over the size limit', () => {
    assert.match(errorsOf(brokenRun().report, huge())[0]?.message ?? '', /over the 32\.0 MiB limit/);
  });

  it('memory stays bounded: peak RSS with the alias bomb and the 50 MiB file', () => {
    const run = brokenRun();
    assert.ok(run.maxRssMiB > 0, 'the child reported its peak RSS');
    assert.ok(run.maxRssMiB < 300, `peak RSS ${run.maxRssMiB.toFixed(0)} MiB`);
  });

  it('a directory that cannot be listed (run as an unprivileged user when root)', (t) => {
    const locked = join(tmp, 'locked');
    mkdirSync(locked, { mode: 0o000 });
    chmodSync(locked, 0o000);
    const isRoot = process.getuid?.() === 0;
    if (isRoot) {
      // root reads anything: run the CLI as nobody (65534), if nobody can run it from this checkout.
      const probe = spawnSync(process.execPath, [CLI, '--version'], { uid: 65534, gid: 65534 });
      if (probe.status !== 0) {
        t.skip('cannot run the CLI as an unprivileged user here');
        return;
      }
    }
    const run = review([locked, f('good.yaml')], isRoot ? { uid: 65534 } : {});
    assert.equal(run.status, 2);
    assertNoStackTrace(run.stderr);
    assert.match(errorsOf(run.report, locked)[0]?.message ?? '', /permission denied/);
    assert.equal(run.report.summary.objects, 1, 'the readable file is still reviewed');
  });
});

describe('inputs that are fine', () => {
  const fine = () =>
    once('fine', () =>
      review([
        f('empty-documents.yaml'),
        f('unknown-kind.yaml'),
        f('pod.json'),
        f('pod-list.yaml'),
        '--include',
        'image-tag-mutable',
        '--fail-on',
        'none',
      ]),
    );

  it('no errors and exit 0: empty documents, an unknown kind, JSON, a PodList', () => {
    const run = fine();
    assert.deepEqual(run.report.errors, []);
    assert.equal(run.status, 0);
    assertNoStackTrace(run.stderr);
  });

  it('empty documents yield nothing; the unknown kind, the JSON pod and the listed pod are loaded', () => {
    const run = fine();
    assert.equal(run.report.summary.objects, 3);
    assert.deepEqual(run.report.findings.map((x) => `${x.object.name} ${x.file}`).sort(), [
      `from-json ${f('pod.json')}`,
      `in-pod-list ${f('pod-list.yaml')}`,
    ]);
  });
});

describe('a directory holding all of it', () => {
  const dir = () => once('dir', () => review([join(tmp, 'all')]));

  it('reports each broken file, still reviews the rest, exits 2, no stack trace', () => {
    const run = dir();
    assert.equal(run.status, 2);
    assertNoStackTrace(run.stderr);
    for (const [name] of BROKEN) {
      if (SKIPPED_WHEN_WALKED.has(name)) continue;
      assert.ok(errorsOf(run.report, f(name)).length >= 1, `no error for ${name}`);
    }
    for (const error of run.report.errors) {
      assert.ok(error.file, `error without a file: ${JSON.stringify(error)}`);
      assert.ok(error.message.length > 0);
    }
    // good, from-json, listed, in-pod-list, gadget
    assert.equal(run.report.summary.objects, 5);
    const tagged = run.report.findings
      .filter((x) => x.check === 'image-tag-mutable')
      .map((x) => x.object.name);
    assert.deepEqual(tagged.sort(), ['from-json', 'good', 'in-pod-list']);
  });

  it('a Compose file and a plain string are skipped with the reason, not errors; a mapping with metadata but no kind stays an error', () => {
    const run = dir();
    const skipped = new Map((run.report.skipped ?? []).map((s) => [s.file, s.reason]));
    assert.match(skipped.get(f('compose.yaml')) ?? '', /Docker Compose file: no apiVersion or kind/);
    assert.match(skipped.get(f('scalar.yaml')) ?? '', /plain value: no apiVersion or kind/);
    for (const name of SKIPPED_WHEN_WALKED) assert.deepEqual(errorsOf(run.report, f(name)), []);
    assert.ok(!skipped.has(f('no-kind.yaml')));
    assert.match(
      errorsOf(run.report, f('no-kind.yaml'))[0]?.message ?? '',
      /missing "apiVersion" and "kind"/,
    );
    // Broken YAML that names an apiVersion or kind is a broken manifest, not something to skip.
    assert.ok(!skipped.has(f('tabs.yaml')) && errorsOf(run.report, f('tabs.yaml')).length === 1);
  });

  it('kind: List is flattened and its bad item is an error at the item line', () => {
    const errors = errorsOf(dir().report, f('list.yaml'));
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /items\[1\]/);
    assert.equal(errors[0]!.line, 8);
  });
});
