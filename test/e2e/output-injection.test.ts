// No output injection (issue #13): object names, namespaces, file names and messages that carry terminal escapes,
// bidirectional overrides, newlines and GitHub workflow commands come out as data in every format — no raw control
// character in text, Markdown, JUnit or github output, no line GitHub Actions would run but our own annotations,
// and JSON, SARIF and JUnit stay valid (docs/decisions/0033-hostile-input.md).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCliSync } from '../support/cli.ts';

const ESC = '\u001b';
/** A name, a label value and an event message as an attacker writes them. */
const EVIL = `x${ESC}]0;owned${ESC}\\${ESC}[2J\u202eevil\u202c\r::error file=a.yaml::forged\n::add-mask::x\n##[error]legacy`;

const tmp = mkdtempSync(join(tmpdir(), 'shipshape-injection-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function manifest(): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `web${EVIL}`, namespace: `shop${EVIL}`, labels: { team: EVIL } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: `app${EVIL}`, image: `nginx${EVIL}` }] },
      },
    },
  });
}

function snapshot(): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: [
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `web${EVIL}`, namespace: 'shop', uid: 'u1' },
        spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'nginx:1' }] },
        status: {
          phase: 'Running',
          containerStatuses: [
            {
              name: 'app',
              ready: false,
              restartCount: 5,
              state: { waiting: { reason: 'CrashLoopBackOff', message: EVIL } },
              lastState: { terminated: { exitCode: 1, reason: 'Error', message: EVIL } },
            },
          ],
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'e1', namespace: 'shop' },
        type: 'Warning',
        reason: 'BackOff',
        message: EVIL,
        count: 3,
        involvedObject: { kind: 'Pod', name: `web${EVIL}`, namespace: 'shop' },
      },
    ],
  });
}

/** Control characters that must never reach a terminal or a comment raw (tab and newline are layout). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function run(args: string[]): string {
  const child = runCliSync(args);
  assert.notEqual(child.status, null, `killed: ${args.join(' ')}`);
  assert.doesNotMatch(child.stderr, /internal error/);
  return child.stdout;
}

function check(format: string, out: string): void {
  if (format === 'json' || format === 'sarif') {
    JSON.parse(out);
    return;
  }
  assert.doesNotMatch(out, RAW_CONTROL, `${format}: a raw control character`);
  for (const line of out.split('\n')) {
    const command = /^\s*(::|##\[)/.test(line);
    if (format === 'github' && command) {
      // Only our own annotations: one command with our properties; the rest of the line is its message (the runner
      // reads one command per line, and no CR or LF is left raw to start another).
      assert.match(line, /^::(error|warning|notice)( [a-z]+=[^,:]*(,[a-z]+=[^,:]*)*)?::/, line);
    } else assert.ok(!command, `${format}: a line Actions would run: ${JSON.stringify(line)}`);
  }
  if (format === 'junit') {
    assert.match(out, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites/);
    // Well-formed enough for CI parsers: every < starts one of our tags, every & an entity.
    assert.doesNotMatch(
      out.replace(/<\/?(testsuites|testsuite|testcase|failure|error|skipped)\b[^<>]*>|<\?xml[^>]*\?>/g, ''),
      /<|>/,
    );
    assert.doesNotMatch(out, /&(?!(amp|lt|gt|quot|apos|#\d+);)/);
  }
  if (format === 'markdown') assert.doesNotMatch(out, /<(?!\/?(br|details|summary)>)[a-z]/i, 'raw HTML');
}

function rbacManifest(user: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: [
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'reader' },
        rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'readers' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'reader' },
        subjects: [
          { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: user },
          { kind: 'ServiceAccount', name: 'api', namespace: 'shop' },
        ],
      },
    ],
  });
}

/** A Deployment --fix has something to change in. */
function fixable(): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web, labels: {app: web}}',
    'spec:',
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec:',
    '      containers:',
    '        - name: c',
    '          image: nginx:1.27',
    '',
  ].join('\n');
}

describe('output injection', () => {
  const repo = join(tmp, `repo${'\u202e'}`);
  mkdirSync(repo);
  const file = join(repo, `::error::x${ESC}[31m.yaml`);
  writeFileSync(file, manifest());
  const snap = join(tmp, 'snapshot.json');
  writeFileSync(snap, snapshot());
  for (const format of ['text', 'json', 'sarif', 'junit', 'github', 'markdown', 'html']) {
    it(`review -o ${format}`, () =>
      check(
        format,
        run([
          'review',
          repo,
          '-o',
          format,
          '--include',
          'labels-required-missing',
          'image-tag-mutable',
          'schema',
        ]),
      ));
    it(`diagnose --snapshot -o ${format}`, () =>
      check(format, run(['diagnose', '--snapshot', snap, '-o', format])));
  }
  // rbac prints its tables itself; User and Group names in a binding are any string the API server was given.
  const rbac = join(tmp, 'rbac');
  mkdirSync(join(rbac, 'old'), { recursive: true });
  mkdirSync(join(rbac, 'new'));
  writeFileSync(join(rbac, 'old', 'rbac.yaml'), rbacManifest('ok'));
  const mallory = `mallory${ESC}]8;;http://x\u0007\n::error::forged \u202eevil`;
  writeFileSync(join(rbac, 'new', 'rbac.yaml'), rbacManifest(mallory));
  const newRbac = join(rbac, 'new', 'rbac.yaml');
  const rbacRuns: [string, string[]][] = [
    ['who-can', ['rbac', 'who-can', 'get', 'secrets', '-f', newRbac]],
    ['can', ['rbac', 'can', `User:${mallory}`, '-f', newRbac]],
    ['review', ['rbac', 'review', '-f', newRbac]],
    ['review -o markdown', ['rbac', 'review', '-f', newRbac, '-o', 'markdown']],
    ['diff', ['rbac', 'diff', join(rbac, 'old'), join(rbac, 'new')]],
    ['diff -o markdown', ['rbac', 'diff', join(rbac, 'old'), join(rbac, 'new'), '-o', 'markdown']],
  ];
  for (const [name, args] of rbacRuns)
    it(`rbac ${name}`, () => {
      const out = run(args);
      assert.match(out, /mallory/, 'the subject is listed');
      check(name.includes('markdown') ? 'rbac-markdown' : 'text', out);
    });

  it('stderr: what --fix and errors say about a file is data too (runners read stderr for commands)', () => {
    const fixRepo = join(tmp, 'fix');
    mkdirSync(fixRepo);
    writeFileSync(join(fixRepo, `x\n::error::forged${ESC}[31m.yaml`), fixable());
    writeFileSync(join(fixRepo, `y\n::error::broken.yaml`), 'apiVersion: v1\nkind: ConfigMap\nmetadata: [\n');
    const child = runCliSync(['review', fixRepo, '--fix']);
    assert.match(child.stderr, /fixed 1 finding/);
    const missing = runCliSync(['review', join(fixRepo, `z\n::error::missing.yaml`)]);
    assert.equal(missing.status, 2);
    for (const stderr of [child.stderr, missing.stderr]) {
      assert.doesNotMatch(stderr, RAW_CONTROL);
      assert.doesNotMatch(stderr, /^\s*(::|##\[)/m);
    }
  });

  it('text shows the escapes, so the reader sees something was there', () => {
    const out = run(['diagnose', '--snapshot', snap]);
    assert.match(out, /\\x1b\]0;owned/);
    assert.match(out, /\\u202eevil/);
  });
});
