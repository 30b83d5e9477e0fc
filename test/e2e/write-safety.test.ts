// The write-safety suite (issue #13): every writer through the real CLI — review --fix and --fix=diff, hygiene
// --plan, snapshot -o — against planted temp symlinks, symlinked manifests, permissions and owners, JSON
// manifests and hard links. Nothing outside the paths given may change; what was done is said.
import assert from 'node:assert/strict';
import {
  chmodSync,
  chownSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { shipshape } from './cli-support.ts';

const root = mkdtempSync(join(tmpdir(), 'shipshape-write-safety-'));
after(() => rmSync(root, { recursive: true, force: true }));
const FIXABLE = ['--include', 'container-privilege-escalation-allowed'];
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: app:1.0
`;
let n = 0;
/** A repository to review ("repo/") and, beside it, a file that must never change. */
function scene() {
  const base = join(root, String(n++));
  const repo = join(base, 'repo');
  mkdirSync(repo, { recursive: true });
  const victim = join(base, 'victim.yaml');
  writeFileSync(victim, POD);
  return { base, repo, victim };
}
const mode = (path: string) => statSync(path).mode & 0o7777;
const temporaries = (dir: string) => readdirSync(dir).filter((f) => /tmp/.test(f));
const isRoot = process.getuid?.() === 0;

describe('write safety: review --fix', () => {
  it('never follows a symlink planted at the old predictable temporary name', () => {
    const { repo, victim } = scene();
    writeFileSync(join(repo, 'pod.yaml'), POD);
    symlinkSync(victim, join(repo, 'pod.yaml.shipshape-fix.tmp'));
    const run = shipshape(['review', 'pod.yaml', ...FIXABLE, '--fix'], { cwd: repo });
    assert.match(run.stderr, /^fixed 1 finding in 1 file: pod\.yaml$/m);
    assert.match(readFileSync(join(repo, 'pod.yaml'), 'utf8'), /allowPrivilegeEscalation: false/);
    assert.equal(readFileSync(victim, 'utf8'), POD, 'the planted link was not followed');
    assert.deepEqual(temporaries(repo), ['pod.yaml.shipshape-fix.tmp'], 'no temporary file of ours is left');
  });

  it('edits the real file of a manifest symlinked inside the tree, and says so', () => {
    const { repo } = scene();
    mkdirSync(join(repo, 'base'));
    writeFileSync(join(repo, 'base', 'pod.yaml'), POD);
    symlinkSync('base/pod.yaml', join(repo, 'pod.yaml'));
    const run = shipshape(['review', 'pod.yaml', ...FIXABLE, '--fix'], { cwd: repo });
    assert.match(
      run.stderr,
      /note: "pod\.yaml" is a symbolic link: its target ".*\/base\/pod\.yaml" was edited/,
    );
    assert.match(readFileSync(join(repo, 'base', 'pod.yaml'), 'utf8'), /allowPrivilegeEscalation: false/);
    assert.ok(statSync(join(repo, 'pod.yaml')).isFile() && readdirSync(repo).includes('pod.yaml'));
  });

  it('never writes through a manifest symlinked to a file outside the paths given, with --fix or --fix=diff', () => {
    const { repo, victim } = scene();
    symlinkSync(victim, join(repo, 'pod.yaml'));
    for (const flag of ['--fix', '--fix=diff']) {
      // Met while walking a directory, a link out of the tree is not even read (decision 0033), and the report
      // says so.
      const walked = shipshape(['review', '.', ...FIXABLE, flag], { cwd: repo });
      assert.equal(walked.stdout.includes('+++'), false, `${flag}: no diff for a link out of the tree`);
      if (flag === '--fix')
        assert.match(walked.stdout, /pod\.yaml +warning +symbolic link to a file outside/);
    }
    assert.equal(readFileSync(victim, 'utf8'), POD);
  });

  it('refuses a manifest reached through a directory symlinked out of the tree', () => {
    const { base, repo } = scene();
    mkdirSync(join(base, 'other-repo'));
    writeFileSync(join(base, 'other-repo', 'pod.yaml'), POD);
    symlinkSync(join(base, 'other-repo'), join(repo, 'linked'));
    const run = shipshape(['review', '.', ...FIXABLE, '--fix'], { cwd: repo });
    // Whether or not the directory walk enters the linked folder, its files are never written.
    assert.doesNotMatch(run.stderr, /^fixed/m);
    assert.equal(readFileSync(join(base, 'other-repo', 'pod.yaml'), 'utf8'), POD);
  });

  it('keeps mode, owner and group of the manifest', () => {
    const { repo } = scene();
    const file = join(repo, 'pod.yaml');
    writeFileSync(file, POD);
    chmodSync(file, 0o640);
    if (isRoot) chownSync(file, 4321, 4322);
    const run = shipshape(['review', 'pod.yaml', ...FIXABLE, '--fix'], { cwd: repo });
    assert.match(run.stderr, /^fixed 1 finding/m);
    assert.equal(mode(file), 0o640);
    if (isRoot) assert.deepEqual([statSync(file).uid, statSync(file).gid], [4321, 4322]);
  });

  it('keeps a JSON manifest JSON, edited in JSON syntax with its own indentation', () => {
    const { repo } = scene();
    const json = `{
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {"name": "web"},
    "spec": {
        "containers": [
            {
                "name": "app",
                "image": "app:1.0"
            }
        ]
    }
}
`;
    writeFileSync(join(repo, 'pod.json'), json);
    const run = shipshape(['review', 'pod.json', ...FIXABLE, '--fix'], { cwd: repo });
    assert.match(run.stderr, /^fixed 1 finding in 1 file: pod\.json$/m);
    const fixed = readFileSync(join(repo, 'pod.json'), 'utf8');
    const parsed = JSON.parse(fixed);
    assert.deepEqual(parsed.spec.containers[0].securityContext, { allowPrivilegeEscalation: false });
    assert.ok(
      fixed.includes(
        '                "image": "app:1.0",\n                "securityContext": {\n                    "allowPrivilegeEscalation": false\n                }\n',
      ),
      fixed,
    );
  });

  it('replaces a hard-linked manifest by a new file: the other name keeps its content, and that is said', () => {
    const { base, repo } = scene();
    writeFileSync(join(repo, 'pod.yaml'), POD);
    linkSync(join(repo, 'pod.yaml'), join(base, 'elsewhere.yaml'));
    const run = shipshape(['review', 'pod.yaml', ...FIXABLE, '--fix'], { cwd: repo });
    assert.match(run.stderr, /note: "pod\.yaml" had 1 other hard link\(s\): it was replaced by a new file/);
    assert.match(readFileSync(join(repo, 'pod.yaml'), 'utf8'), /allowPrivilegeEscalation/);
    assert.equal(readFileSync(join(base, 'elsewhere.yaml'), 'utf8'), POD);
  });

  it('--fix=diff never prints a secret value that the change does not touch', () => {
    const { repo } = scene();
    const text = `apiVersion: v1
kind: Secret
metadata:
  name: db
stringData:
  password: hunter2-very-secret
---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: app:1.0
    env:
    - name: DB_PASSWORD
      value: s3cr3t-literal-value
`;
    writeFileSync(join(repo, 'all.yaml'), text);
    const run = shipshape(['review', 'all.yaml', ...FIXABLE, '--fix=diff'], { cwd: repo });
    assert.match(run.stdout, /^\+ {4}securityContext:$/m, run.stdout);
    assert.doesNotMatch(run.stdout + run.stderr, /hunter2-very-secret|s3cr3t-literal-value/);
    assert.match(run.stdout, /value: <redacted by shipshape>/);
    assert.match(run.stderr, /line\(s\) of the diff show secret values as <redacted by shipshape>/);
  });
});

describe('write safety: hygiene --plan and snapshot -o', () => {
  it('refuses a plan destination that is a symlink, before reading anything', () => {
    const { repo, victim } = scene();
    symlinkSync(victim, join(repo, 'plan.yaml'));
    const run = shipshape(['hygiene', '--snapshot', '/nonexistent/snapshot.json', '--plan', 'plan.yaml'], {
      cwd: repo,
    });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^shipshape: "plan\.yaml" is a symbolic link to ".*victim\.yaml"; not written/m);
    assert.equal(readFileSync(victim, 'utf8'), POD);
  });

  it('fails at once, naming the path, when the output cannot be written — before connecting', () => {
    const { repo } = scene();
    const unreachable = join(repo, 'kubeconfig');
    // A server nobody answers for: were the cluster read first, this would take a connection timeout.
    writeFileSync(
      unreachable,
      'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://192.0.2.1:6443"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n',
    );
    const started = Date.now();
    const missing = shipshape(['snapshot', '-o', 'no/such/dir/s.json', '--kubeconfig', unreachable], {
      cwd: repo,
    });
    assert.equal(missing.status, 2);
    assert.match(
      missing.stderr,
      /^shipshape: cannot write "no\/such\/dir\/s\.json": the directory "no\/such\/dir" does not exist$/m,
    );
    const directory = shipshape(['snapshot', '-o', '.', '--kubeconfig', unreachable], { cwd: repo });
    assert.match(directory.stderr, /^shipshape: cannot write "\.": it is a directory$/m);
    assert.ok(Date.now() - started < 20_000, 'no cluster read was attempted');
    assert.doesNotMatch(missing.stderr + directory.stderr, /^\s+at /m);
    assert.deepEqual(temporaries(repo), []);
  });
});
