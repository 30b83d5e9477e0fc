// The locations corpus (test/fixtures/locations, issue #14 items 5–7): exact file:line:column for findings on Helm
// and Kustomize inputs, one finding per problem across overlays, and repository roots whose non-manifest files
// are skipped. Each fixture reproduces the structure of public repositories we tried (named in
// docs/decisions/0039–0041), written by us. Helm and kustomize come from ~/.cache/shipshape-tools/bin; a suite
// needing one skips and says why when it is missing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, it } from 'node:test';
import { contractValidator } from '../../src/reporters/testing/contract.ts';
import { shipshape } from './cli-support.ts';

const TOOLS = join(homedir(), '.cache/shipshape-tools/bin');
const PATH = [TOOLS, process.env.PATH ?? ''].join(delimiter);
const works = (command: string, args: string[]) =>
  spawnSync(command, args, { env: { ...process.env, PATH }, encoding: 'utf8' }).status === 0;
const KUSTOMIZE =
  works('kustomize', ['version']) || works('kubectl', ['kustomize', '--help'])
    ? false
    : 'neither kustomize nor kubectl is installed';

const CORPUS = 'test/fixtures/locations';
const validate = contractValidator();

interface Finding {
  check: string;
  severity: string;
  object: { kind: string; namespace?: string; name: string };
  path?: string;
  file?: string;
  line?: number;
  column?: number;
  message: string;
}
interface Report {
  findings: Finding[];
  errors: { message: string; file?: string; line?: number }[];
  skipped?: { file: string; reason: string }[];
  summary: { objects: number };
}

/** Each child costs a Node start-up on a shared machine: runs are shared by the tests that read them. */
const runs = new Map<string, { status: number | null; report: Report }>();
function review(args: string[]): { status: number | null; report: Report } {
  const key = args.join('\u0000');
  let run = runs.get(key);
  if (!run) {
    const child = shipshape(['review', ...args, '-o', 'json'], { env: { PATH } });
    const report = JSON.parse(child.stdout) as Report;
    assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
    run = { status: child.status, report };
    runs.set(key, run);
  }
  return run;
}

describe('a repository root: non-manifests are skipped, not errors', { skip: KUSTOMIZE }, () => {
  const ROOT = `${CORPUS}/repo-root`;
  const run = () => review([ROOT]);

  it('exits 1 by its findings alone (one high finding), with no input errors', () => {
    const { status, report } = run();
    assert.deepEqual(report.errors, []);
    assert.equal(status, 1);
    assert.deepEqual(
      report.findings.filter((f) => f.severity === 'high').map((f) => `${f.check} ${f.file}:${f.line}`),
      [`image-tag-mutable ${ROOT}/deploy/k8s/web.yaml:20`],
    );
    assert.equal(report.summary.objects, 2, 'web and the kustomization worker');
  });

  it('lists each skipped file with the reason', () => {
    const skipped = Object.fromEntries((run().report.skipped ?? []).map((s) => [s.file, s.reason]));
    const not = ': no apiVersion or kind, not a Kubernetes manifest';
    assert.deepEqual(skipped, {
      [`${ROOT}/.github/dependabot.yml`]: `GitHub configuration${not}`,
      [`${ROOT}/.github/workflows/ci.yml`]: `a GitHub Actions workflow${not}`,
      [`${ROOT}/.golangci.yml`]: `a configuration file${not}`,
      [`${ROOT}/.pre-commit-config.yaml`]: `a configuration file${not}`,
      [`${ROOT}/docker-compose.yml`]: `a Docker Compose file${not}`,
      [`${ROOT}/values-prod.yaml`]: `Helm values${not}`,
      [`${ROOT}/web/package.json`]: `a configuration file${not}`,
      [`${ROOT}/deploy/kustomize/cleanup-job.yaml`]: `not listed in ${ROOT}/deploy/kustomize/kustomization.yaml: kustomize does not build it, so it was not reviewed`,
    });
  });

  it('the job the kustomization does not list is not reviewed (its :latest image is not a finding)', () => {
    assert.ok(!run().report.findings.some((f) => f.object.name === 'cleanup'));
  });

  it('text output names the skipped files and counts them', () => {
    const text = shipshape(['review', ROOT, '--no-color'], { env: { PATH } }).stdout;
    assert.match(text, /^skipped \(not reviewed\)$/m);
    assert.match(text, /docker-compose\.yml {2}a Docker Compose file: no apiVersion or kind/);
    assert.match(text, / · 8 skipped$/m);
  });

  it('a file named on the command line is still an error when it is not a manifest (exit 2)', () => {
    const { status, report } = review([`${ROOT}/docker-compose.yml`, `${ROOT}/deploy/k8s/web.yaml`]);
    assert.equal(status, 2);
    assert.match(report.errors[0]?.message ?? '', /Docker Compose/);
    assert.deepEqual(report.skipped, []);
  });
});
