// Where users run shipshape (docs/ci.md, decision 0044): each integration's own commands, run as its host would
// run them, on the packed package. The GitHub Action's run steps are executed in order with GitHub's
// environment files; the GitLab job's script lines run as a job would; the krew manifest is installed by krew
// built from the Go module proxy; pre-commit from PyPI runs the hook.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { ROOT } from './cli-support.ts';
import { isolated, ok, type Packed, packTarball, run, TOOLS } from './package-support.ts';

const work = mkdtempSync(join(tmpdir(), 'shipshape-integrations-'));
after(() => rmSync(work, { recursive: true, force: true }));
const NODE_BIN = join(ROOT, 'node_modules', '.bin');

let packed: Packed;
before(() => {
  packed = packTarball(work);
});

/** A workspace holding a copy of one example directory under k8s/. */
function workspace(name: string, example: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, 'examples', example), join(dir, 'k8s'), { recursive: true });
  return dir;
}

// ---- GitHub Action ----

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

/** GitHub's expressions as action.yml uses them: inputs, steps' outputs, github.action_path, ==, !=, &&. */
function evaluate(expression: string, context: Record<string, string>): string {
  const value = (term: string): string => {
    const t = term.trim();
    if (t === 'always()') return 'true';
    const quoted = /^'(.*)'$/.exec(t);
    if (quoted) return quoted[1]!;
    assert.ok(Object.hasOwn(context, t) || /^steps\./.test(t), `unknown expression term ${t}`);
    return context[t] ?? '';
  };
  const conjuncts = expression.split('&&').map((part) => {
    const comparison = /^(.*?)(==|!=)(.*)$/.exec(part);
    if (!comparison) return value(part);
    const equal = value(comparison[1]!) === value(comparison[3]!);
    return String(comparison[2] === '==' ? equal : !equal);
  });
  return conjuncts.length === 1 ? conjuncts[0]! : String(conjuncts.every((c) => c === 'true'));
}

function substitute(text: string, context: Record<string, string>): string {
  return text.replace(/\$\{\{(.*?)\}\}/g, (_, expression: string) => evaluate(expression, context));
}

/** Runs the action's `run` steps in order, as a composite action would; the `uses` steps are checked, not run. */
function runAction(dir: string, inputs: Record<string, string>) {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;
  const runnerTemp = mkdtempSync(join(work, 'runner-'));
  const outputFile = join(runnerTemp, 'output');
  const pathFile = join(runnerTemp, 'path');
  writeFileSync(outputFile, '');
  writeFileSync(pathFile, '');
  const context: Record<string, string> = { 'github.action_path': ROOT };
  for (const [name, input] of Object.entries(action.inputs))
    context[`inputs.${name}`] = inputs[name] ?? input.default ?? '';
  const ran: { id?: string; status: number | null; stderr: string; stdout: string }[] = [];
  const uses: Step[] = [];
  for (const step of action.runs.steps) {
    const condition = step.if ? substitute(step.if, context) : 'true';
    if (condition !== 'true') continue;
    if (step.uses) {
      uses.push({
        ...step,
        with: Object.fromEntries(
          Object.entries(step.with ?? {}).map(([k, v]) => [k, substitute(String(v), context)]),
        ),
      });
      continue;
    }
    assert.equal(step.shell, 'bash');
    const extraPath = readFileSync(pathFile, 'utf8').split('\n').filter(Boolean).reverse();
    const env: NodeJS.ProcessEnv = {
      ...isolated(work, [...extraPath, NODE_BIN].join(':')),
      RUNNER_TEMP: runnerTemp,
      GITHUB_OUTPUT: outputFile,
      GITHUB_PATH: pathFile,
      GITHUB_WORKSPACE: dir,
    };
    for (const [name, value] of Object.entries(step.env ?? {}))
      env[name] = substitute(String(value), context);
    // As GitHub runs `shell: bash`.
    const result = run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run ?? ''], dir, env);
    ran.push({ id: step.id, status: result.status, stderr: result.stderr, stdout: result.stdout });
    for (const line of readFileSync(outputFile, 'utf8').split('\n')) {
      const at = line.indexOf('=');
      if (at > 0 && step.id) context[`steps.${step.id}.outputs.${line.slice(0, at)}`] = line.slice(at + 1);
    }
    writeFileSync(outputFile, '');
    // A failing step ends a composite action.
    if (result.status !== 0) break;
  }
  return { action, ran, uses, context };
}

describe('GitHub Action (action.yml)', () => {
  it('reviews the path, writes SARIF for code scanning and fails the job on a high finding', () => {
    const dir = workspace('action-findings', 'reviewer-exercise');
    const { ran, uses, context } = runAction(dir, { path: 'k8s', package: packed.tarball });
    assert.deepEqual(
      ran.map((r) => [r.id, r.status]),
      [
        ['install', 0],
        ['review', 0],
        [undefined, 1],
      ],
      ran.map((r) => r.stderr).join('\n'),
    );
    assert.equal(context['steps.review.outputs.exit-code'], '1');
    const sarifFile = join(dir, context['steps.review.outputs.sarif-file']!);
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8')) as {
      version: string;
      runs: {
        results: {
          ruleId: string;
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
        }[];
      }[];
    };
    assert.equal(sarif.version, '2.1.0');
    const rules = sarif.runs[0]!.results.map((r) => r.ruleId);
    assert.ok(rules.includes('container-privileged'), rules.join(' '));
    // Paths relative to the repository, as code scanning needs them.
    assert.ok(
      sarif.runs[0]!.results.every((r) =>
        r.locations[0]!.physicalLocation.artifactLocation.uri.startsWith('k8s/'),
      ),
    );
    assert.match(ran[1]!.stdout, /shipshape: \d+ findings \(exit 1\)/);
    assert.deepEqual(
      uses.map((u) => u.uses),
      ['actions/setup-node@v4', 'github/codeql-action/upload-sarif@v3'],
    );
    assert.equal(uses[1]!.with!.sarif_file, 'shipshape.sarif');
  });

  it('passes on a clean path at the default threshold, and honours fail-on and kube-version', () => {
    const dir = workspace('action-clean', 'clean-app');
    const clean = runAction(dir, { path: 'k8s', package: packed.tarball, 'kube-version': '1.30' });
    assert.deepEqual(
      clean.ran.map((r) => [r.id, r.status]),
      [
        ['install', 0],
        ['review', 0],
      ],
    );
    assert.equal(clean.context['steps.review.outputs.exit-code'], '0');
    const strict = runAction(dir, {
      path: 'k8s',
      package: packed.tarball,
      'fail-on': 'info',
      args: '--pod-security-level restricted',
      'upload-sarif': 'false',
    });
    assert.equal(strict.uses.length, 1, 'no upload when upload-sarif is false');
    const code = strict.context['steps.review.outputs.exit-code'];
    assert.ok(code === '0' || code === '1', `exit ${code}`);
    assert.equal(strict.ran.length, code === '0' ? 2 : 3);
  });

  it('fails with exit 2 on a path that does not exist, after writing what it could', () => {
    const dir = workspace('action-missing', 'clean-app');
    const { ran, context } = runAction(dir, { path: 'no-such-dir', package: packed.tarball });
    assert.equal(context['steps.review.outputs.exit-code'], '2');
    assert.equal(ran.at(-1)!.status, 2);
  });
});

// ---- GitLab CI ----

describe('GitLab CI job (docs/ci.md)', () => {
  const docs = readFileSync(join(ROOT, 'docs', 'ci.md'), 'utf8');
  const block = /<!-- gitlab-ci:[^>]*-->\n```yaml\n([\s\S]*?)```/.exec(docs)?.[1];
  const job = (
    parse(block ?? '') as {
      shipshape: {
        script: string[];
        variables: Record<string, string>;
        artifacts: { reports: { junit: string } };
      };
    }
  ).shipshape;

  function runJob(dir: string, variables: Record<string, string>) {
    const prefix = join(dir, '.npm-global');
    const env: NodeJS.ProcessEnv = {
      ...isolated(work, `${join(prefix, 'bin')}:${NODE_BIN}`),
      npm_config_prefix: prefix,
      ...job.variables,
      ...variables,
    };
    // GitLab runs the lines in one shell and stops at the first failing one.
    return run('bash', ['-e', '-c', job.script.join('\n')], dir, env);
  }

  it('installs the package, writes the JUnit report and fails on a high finding', () => {
    assert.ok(block, 'no GitLab job in docs/ci.md');
    const dir = workspace('gitlab-findings', 'reviewer-exercise');
    const result = runJob(dir, { SHIPSHAPE_PACKAGE: packed.tarball, SHIPSHAPE_PATHS: 'k8s/' });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /container-privileged/);
    const junit = readFileSync(join(dir, job.artifacts.reports.junit), 'utf8');
    assert.match(junit, /^<\?xml/);
    assert.match(junit, /<testcase [^>]*container-privileged/);
  });

  it('passes on clean manifests', () => {
    const dir = workspace('gitlab-clean', 'clean-app');
    const result = runJob(dir, { SHIPSHAPE_PACKAGE: packed.tarball, SHIPSHAPE_PATHS: 'k8s/' });
    assert.equal(result.status, 0, result.stderr);
    assert.ok(existsSync(join(dir, 'shipshape-junit.xml')));
  });
});

// ---- krew ----

const KREW = join(TOOLS, 'bin', 'krew');
const KREW_MODULE = 'sigs.k8s.io/krew/cmd/krew@v0.4.3';

/** krew from the Go module proxy, built once into the tools cache; undefined (with the reason) without Go. */
function krew(): string | { missing: string } {
  if (existsSync(KREW)) return KREW;
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.status !== 0) return { missing: 'no Go toolchain to build krew' };
  const built = spawnSync('go', ['install', KREW_MODULE], {
    encoding: 'utf8',
    env: { ...process.env, GOBIN: join(TOOLS, 'bin'), GOTOOLCHAIN: 'local', GOFLAGS: '-buildvcs=false' },
    timeout: 900_000,
  });
  assert.equal(built.status, 0, `go install ${KREW_MODULE}: ${built.stderr}`);
  return KREW;
}

describe('krew plugin manifest (scripts/krew-manifest.ts)', () => {
  it('installs with krew from the packed tarball as kubectl-shipshape', (t) => {
    const bin = krew();
    if (typeof bin !== 'string') {
      t.skip(bin.missing);
      return;
    }
    const manifest = join(work, 'shipshape-krew.yaml');
    writeFileSync(
      manifest,
      ok(
        run(process.execPath, [join(ROOT, 'scripts', 'krew-manifest.ts'), packed.tarball], ROOT, process.env),
        'krew-manifest',
      ),
    );
    const root = join(work, 'krew-root');
    const env = { ...isolated(work, NODE_BIN), KREW_ROOT: root, KREW_NO_UPGRADE_CHECK: '1' };
    ok(
      run(bin, ['install', `--manifest=${manifest}`, `--archive=${packed.tarball}`], work, env),
      'krew install',
    );
    const plugin = join(root, 'bin', 'kubectl-shipshape');
    assert.ok(existsSync(plugin));
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
    assert.equal(ok(run(plugin, ['--version'], work, env), 'kubectl-shipshape --version').trim(), version);
    assert.match(
      ok(run(plugin, ['--help'], work, env), 'kubectl-shipshape --help'),
      /^Usage: kubectl shipshape /,
    );
    // krew checks the archive against the manifest's sha256: another archive is refused.
    const other = join(work, 'other.tgz');
    writeFileSync(other, Buffer.concat([readFileSync(packed.tarball), Buffer.from('x')]));
    const refused = run(bin, ['install', `--manifest=${manifest}`, `--archive=${other}`], work, {
      ...env,
      KREW_ROOT: join(work, 'krew-root-2'),
    });
    assert.notEqual(refused.status, 0);
  });
});

// ---- pre-commit ----

const PRE_COMMIT = join(TOOLS, 'pre-commit', 'bin', 'pre-commit');
const PRE_COMMIT_VERSION = '4.7.0';

/** pre-commit from PyPI in a virtualenv of the tools cache. */
function preCommit(): string {
  if (!existsSync(PRE_COMMIT)) {
    const venv = join(TOOLS, 'pre-commit');
    ok(run('python3', ['-m', 'venv', venv], work, process.env), 'python3 -m venv');
    ok(
      run(
        join(venv, 'bin', 'pip'),
        ['install', '-q', `pre-commit==${PRE_COMMIT_VERSION}`],
        work,
        process.env,
      ),
      'pip install pre-commit',
    );
  }
  return PRE_COMMIT;
}

const git = (cwd: string, ...args: string[]): string =>
  ok(
    run('git', args, cwd, {
      ...process.env,
      GIT_AUTHOR_NAME: 'test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
      GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
    }),
    `git ${args.join(' ')}`,
  ).trim();

/** The hook definition as a git repository at a rev (what pre-commit clones). */
function hookRepository(): { dir: string; rev: string } {
  const dir = join(work, 'hook-repo');
  mkdirSync(dir);
  cpSync(join(ROOT, '.pre-commit-hooks.yaml'), join(dir, '.pre-commit-hooks.yaml'));
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'hook');
  return { dir, rev: git(dir, 'rev-parse', 'HEAD') };
}

describe('pre-commit hook (.pre-commit-hooks.yaml)', () => {
  it('pre-commit runs the hook: passes clean manifests, blocks a high finding, skips non-manifest YAML', () => {
    const bin = preCommit();
    const hook = hookRepository();
    const project = join(work, 'project');
    mkdirSync(join(project, '.github', 'workflows'), { recursive: true });
    cpSync(join(ROOT, 'examples', 'clean-app'), join(project, 'k8s'), { recursive: true });
    writeFileSync(join(project, '.github', 'workflows', 'ci.yml'), 'on: [push]\njobs: {}\n');
    writeFileSync(
      join(project, '.pre-commit-config.yaml'),
      `repos:\n  - repo: ${hook.dir}\n    rev: ${hook.rev}\n    hooks:\n      - id: shipshape-review\n`,
    );
    git(project, 'init', '-q');
    git(project, 'add', '.');
    // The hook runs the shipshape on PATH: the package, installed with npm install -g.
    const prefix = join(work, 'pre-commit-global');
    ok(
      run('npm', ['install', '-g', '--prefix', prefix, packed.tarball], work, isolated(work, NODE_BIN)),
      'npm -g',
    );
    const env: NodeJS.ProcessEnv = {
      PATH: `${join(prefix, 'bin')}:${NODE_BIN}:${process.env.PATH}`,
      HOME: join(work, 'home'),
      PRE_COMMIT_HOME: join(work, 'pre-commit-home'),
      npm_config_update_notifier: 'false',
      NO_COLOR: '1',
    };
    const clean = run(bin, ['run', '--all-files', '--color', 'never'], project, env);
    assert.equal(clean.status, 0, `${clean.stdout}${clean.stderr}`);
    assert.match(clean.stdout, /shipshape review\.+Passed/);

    writeFileSync(
      join(project, 'k8s', 'debug.yaml'),
      readFileSync(join(ROOT, 'examples', 'reviewer-exercise', 'app.yaml'), 'utf8'),
    );
    git(project, 'add', '.');
    const blocked = run(bin, ['run', '--all-files', '--color', 'never'], project, env);
    assert.equal(blocked.status, 1, `${blocked.stdout}${blocked.stderr}`);
    assert.match(blocked.stdout, /shipshape review\.+Failed/);
    assert.match(blocked.stdout, /container-privileged/);
    assert.doesNotMatch(blocked.stdout, /ci\.yml/);
  });
});
