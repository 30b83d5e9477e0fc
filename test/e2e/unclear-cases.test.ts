// The unclear cases of issue #13, item 8, through the real CLI: each ends with a message that names the cause and what
// to do. (UTF-16/32 files, process substitution paths and the same file twice are in hostile-input.test.ts.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'src', 'cli', 'main.ts');
const tmp = mkdtempSync(join(tmpdir(), 'shipshape-unclear-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

function cli(args: string[], env: Record<string, string | undefined> = {}) {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 120_000,
  });
  assert.doesNotMatch(run.stderr, /internal error|^\s+at /m, run.stderr);
  return run;
}

function errorsOf(args: string[]): { level?: string; line?: number; message: string }[] {
  return (JSON.parse(cli([...args, '-o', 'json']).stdout) as { errors: { message: string }[] }).errors;
}

const POD =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: app:1\n';

describe('manifests with values Kubernetes cannot take', () => {
  it('a non-string apiVersion is named as such, with what to write', () => {
    const path = file('apiver.yaml', 'apiVersion: 1\nkind: Deployment\nmetadata:\n  name: a\n');
    assert.deepEqual(
      errorsOf(['review', path]).map((e) => e.message),
      [
        'not a Kubernetes object: "apiVersion" is the number 1, not text; write it as a string such as "apps/v1" or "v1"',
      ],
    );
  });

  it('.inf and .nan are errors at their line, and the object is not reviewed', () => {
    const path = file('inf.yaml', `${POD}  replicas: .nan\n`.replace('kind: Pod', 'kind: Pod'));
    const errors = errorsOf(['review', path]);
    assert.deepEqual(
      errors.map((e) => [e.line, e.message]),
      [
        [
          9,
          '"spec.replicas" is NaN (.inf or .nan): Kubernetes takes only finite numbers, so this object cannot be applied; write a number',
        ],
      ],
    );
  });

  it('an empty list item is a warning at its line', () => {
    const path = file('null.yaml', POD.replace('containers:\n', 'containers:\n    -\n'));
    const errors = errorsOf(['review', path, '--fail-on', 'none']);
    assert.deepEqual(
      errors.map((e) => [e.level, e.line, e.message]),
      [
        [
          'warning',
          7,
          '"spec.containers[0]" is an empty list item (null, or a "-" with nothing after it): Kubernetes reads it as an empty entry; remove it or fill it in',
        ],
      ],
    );
  });
});

describe('typos that used to be accepted without a word', () => {
  const pod = () => file('pod.yaml', POD);

  it('--include and --exclude name unknown ids with the nearest, or say commas are not separators', () => {
    const typo = cli(['review', pod(), '--include', 'image-tag-mutabel']);
    assert.equal(typo.status, 2);
    assert.match(
      typo.stderr,
      /--include "image-tag-mutabel" is neither a review check id nor a category \(did you mean image-tag-mutable\?\)/,
    );
    const commas = cli([
      'diagnose',
      '--snapshot',
      file('s.json', '{"kind":"List","apiVersion":"v1","items":[]}'),
      '--exclude',
      'a,b',
    ]);
    assert.equal(commas.status, 2);
    assert.match(commas.stderr, /--exclude "a,b" .*separate ids with spaces, not commas/);
  });

  it('a shipshape.dev/ignore annotation naming no check is a warning with the nearest id', () => {
    const path = file(
      'ignored.yaml',
      POD.replace(
        '  name: web\n',
        '  name: web\n  annotations:\n    shipshape.dev/ignore: image-tag-mutabel\n',
      ),
    );
    const warnings = errorsOf(['review', path, '--fail-on', 'none']).filter((e) => e.level === 'warning');
    assert.deepEqual(
      warnings.map((e) => [e.line, e.message]),
      [
        [
          6,
          'annotation shipshape.dev/ignore names "image-tag-mutabel", which is no check, so it silences nothing (did you mean image-tag-mutable?)',
        ],
      ],
    );
  });

  it('config parameters: an unknown name, a wrong type, a pattern RE2 rejects', () => {
    const cases: [string, RegExp][] = [
      [
        'labels-required-missing:\n    params:\n      lables: [team]\n',
        /checks\.labels-required-missing\.params: unknown parameter "lables" \(did you mean labels\?\)/,
      ],
      [
        'labels-required-missing:\n    params:\n      labels: team\n',
        /checks\.labels-required-missing\.params\.labels must be a list/,
      ],
      [
        'labels-required-missing:\n    params:\n      labels: ["team=(?=x)"]\n',
        /"team=\(\?=x\)" has a regular expression RE2 does not accept/,
      ],
    ];
    for (const [checks, expected] of cases) {
      const config = file('config.yaml', `checks:\n  ${checks}`);
      const run = cli(['review', pod(), '--config', config]);
      assert.equal(run.status, 2, run.stdout);
      assert.match(run.stderr, expected);
    }
  });
});

describe('what a run could not read is said, not shown as clean', () => {
  it('an empty snapshot is an error, not "No problems found."', () => {
    const run = cli([
      'diagnose',
      '--snapshot',
      file('empty.json', '{"apiVersion":"v1","kind":"List","items":[]}'),
    ]);
    assert.equal(run.status, 2);
    assert.doesNotMatch(run.stdout, /No problems found/);
    assert.match(run.stdout, /^Nothing was diagnosed: no objects could be read/);
    assert.match(run.stdout, /the snapshot holds no Kubernetes objects, so there is nothing to diagnose/);
  });

  it('a partial read under --fail-on none exits 0 and says "partial" in the summary', () => {
    const snapshot = file(
      'partial.json',
      JSON.stringify({
        apiVersion: 'shipshape.dev/v1alpha1',
        kind: 'Snapshot',
        metadata: { context: 'c', kindsMissing: [{ kind: 'Event', reason: 'forbidden' }] },
        items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }],
      }),
    );
    const run = cli(['diagnose', '--snapshot', snapshot, '--fail-on', 'none']);
    assert.equal(run.status, 0);
    const summary = run.stdout.trim().split('\n').at(-1) ?? '';
    assert.match(summary, /· partial: \d+ not read or not known$/);
    assert.doesNotMatch(run.stdout, /^No problems found\.$/m);
  });
});

describe('kubeconfig messages name the flag or variable that chose the file', () => {
  const kubeconfig = file(
    'kubeconfig',
    'apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "https://127.0.0.1:1"}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n- name: dev\n  context: {cluster: c, user: u}\ncurrent-context: dev\n',
  );
  const cases: [string[], Record<string, string | undefined>, RegExp][] = [
    [['--kubeconfig', join(tmp, 'missing')], {}, /--kubeconfig ".*missing": no such file/],
    [['--kubeconfig', file('empty-kubeconfig', '')], {}, /reading --kubeconfig ".*empty-kubeconfig": /],
    [['--kubeconfig', '/dev/zero'], {}, /--kubeconfig "\/dev\/zero": "\/dev\/zero" is not a regular file/],
    [
      [],
      { KUBECONFIG: `${join(tmp, 'a')}:${join(tmp, 'b')}` },
      /no kubeconfig found: \$KUBECONFIG \(.*\) do not exist/,
    ],
    [
      ['--kubeconfig', kubeconfig, '--context', 'prod'],
      {},
      /--context "prod": --kubeconfig ".*" has no such context \(it has "dev"\)/,
    ],
    [
      ['--context', 'prod'],
      { KUBECONFIG: undefined, HOME: tmp },
      /no kubeconfig found: ~\/\.kube\/config does not exist/,
    ],
  ];
  for (const [args, env, expected] of cases) {
    it(`${args.join(' ') || JSON.stringify(env)}`, () => {
      const run = cli(['diagnose', ...args], env);
      assert.equal(run.status, 2);
      assert.match(run.stderr, expected);
    });
  }
});
