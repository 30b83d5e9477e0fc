// `shipshape review` on Helm charts and Kustomize directories, rendered by the real tools (scripts/install-tools.sh
// builds helm into ~/.cache/shipshape-tools/bin; kustomize comes with kubectl). Without a tool the tests that need it
// skip and say why; the tool-missing behaviour is tested with a PATH that has none of them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { contractValidator } from '../../src/reporters/testing/contract.ts';
import { shipshape } from './cli-support.ts';

const TOOLS = join(homedir(), '.cache/shipshape-tools/bin');
const PATH = [TOOLS, process.env.PATH ?? ''].join(delimiter);
const works = (command: string, args: string[]) =>
  spawnSync(command, args, { env: { ...process.env, PATH }, encoding: 'utf8' }).status === 0;
const HELM = works('helm', ['version', '--short'])
  ? false
  : 'helm is not installed (run `bash scripts/install-tools.sh` to build it into ~/.cache/shipshape-tools/bin)';
const KUSTOMIZE =
  works('kustomize', ['version']) || works('kubectl', ['kustomize', '--help'])
    ? false
    : 'neither kustomize nor kubectl is installed';
const KUBE_LINTER_CASE = '/work/shared/corpus/kube-linter/kustomize/mykustomize';
const ORIGINS = 'test/fixtures/kustomize/origins';

const CHART = 'test/fixtures/charts/web';
const PINNED = ['--include', 'image-tag-mutable', 'service-selector-no-match'];
const validate = contractValidator();

interface Finding {
  check: string;
  object: { kind: string; name: string };
  file?: string;
  line?: number;
  column?: number;
  builds?: { dir: string; object: Record<string, string> }[];
}
interface Report {
  findings: Finding[];
  errors: { message: string; file?: string; line?: number; column?: number }[];
  summary: { objects: number };
}

function review(
  args: string[],
  path = PATH,
): { status: number | null; report: Report; stderr: string; stdout: string } {
  const run = shipshape(['review', ...args, '-o', 'json'], { env: { PATH: path } });
  const report = JSON.parse(run.stdout) as Report;
  assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
  return { status: run.status, report, stderr: run.stderr, stdout: run.stdout };
}

const at = (f: Finding) => `${f.check} ${f.object.kind}/${f.object.name} ${f.file}:${f.line}:${f.column}`;

describe('review of Helm charts (helm template)', { skip: HELM }, () => {
  it('renders with the default values and attributes findings to the template file and line', () => {
    const { status, report } = review([CHART, ...PINNED]);
    assert.equal(status, 1);
    assert.equal(report.summary.objects, 3);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.findings.map(at), [
      `service-selector-no-match Service/release-web ${CHART}/templates/service.yaml (rendered by helm):6:3`,
    ]);
  });

  it('-f values-prod.yaml changes the rendered image tag, and the finding appears on the deployment template', () => {
    const { status, report } = review([CHART, '-f', `${CHART}/values-prod.yaml`, ...PINNED]);
    assert.equal(status, 1);
    assert.deepEqual(report.findings.map(at).sort(), [
      `image-tag-mutable Deployment/release-web ${CHART}/templates/deployment.yaml (rendered by helm):19:11`,
      `service-selector-no-match Service/release-web ${CHART}/templates/service.yaml (rendered by helm):6:3`,
    ]);
  });

  it('a template error is an error naming the chart and helm message at the template line; the rest is reviewed; exit 2', () => {
    const { status, report } = review(['test/fixtures/charts/broken', CHART, ...PINNED]);
    assert.equal(status, 2);
    assert.deepEqual(report.errors, [
      {
        file: 'test/fixtures/charts/broken/templates/pod.yaml',
        line: 8,
        column: 16,
        message:
          'helm template failed for chart "test/fixtures/charts/broken": execution error at (broken/templates/pod.yaml:8:16): image.repository is required',
      },
    ]);
    assert.equal(report.findings.length, 1);
    assert.equal(report.findings[0]!.object.name, 'release-web');
  });
});

describe('review of Kustomize directories', { skip: KUSTOMIZE }, () => {
  it('applies namePrefix and patches; a finding on a field the patch set names the prefixed object at the patch', () => {
    const dir = 'test/fixtures/kustomize/app/overlays/prod';
    const { status, report } = review([dir, ...PINNED]);
    assert.equal(status, 1);
    assert.equal(report.summary.objects, 2);
    // The inline JSON patch replaced the base's pinned image with :latest; the prefixed Service still selects the
    // pods. The finding is on the patch's `value:` line in the overlay's kustomization (docs/decisions/0040).
    assert.deepEqual(report.findings.map(at), [
      'image-tag-mutable Deployment/prod-api test/fixtures/kustomize/app/overlays/prod/kustomization.yaml (rendered by kustomize):13:9',
    ]);
    // The base alone is clean: the finding comes from the overlay's patch.
    const base = review(['test/fixtures/kustomize/app/base', ...PINNED]);
    assert.equal(base.status, 0);
    assert.deepEqual(base.report.findings, []);
  });

  it('findings point at the base, overlay and patch files that set the fields, at their lines', () => {
    const dir = `${ORIGINS}/overlays/prod`;
    const checks = ['--include', 'image-tag-mutable', 'pod-host-network', 'configmap-secret-content'];
    const { status, report, stdout } = review([dir, ...checks]);
    assert.equal(status, 1);
    assert.deepEqual(report.errors, []);
    assert.equal(report.summary.objects, 3);
    const patch = `${dir}/deployment-patch.yaml (rendered by kustomize)`;
    assert.deepEqual(
      report.findings.map(at).sort(),
      [
        // Generated by the overlay's configMapGenerator: its entry in the overlay's kustomization.
        `configmap-secret-content ConfigMap/prod-web-settings-b9kdm7dbtd ${dir}/kustomization.yaml (rendered by kustomize):9:5`,
        // The strategic merge patch retags the base's container "web" (second in the rendered list, first in the
        // base): the patch's image line, where the :latest tag is written.
        `image-tag-mutable Deployment/prod-web ${patch}:13:11`,
        // The patch adds container "log-shipper": its image line in the patch.
        `image-tag-mutable Deployment/prod-web ${patch}:11:11`,
        // The patch adds hostNetwork: its line in the patch.
        `pod-host-network Deployment/prod-web ${patch}:8:7`,
      ].sort(),
    );
    // The generated ConfigMap's value is a secret-looking literal: never printed.
    assert.doesNotMatch(stdout, /do-not-print-me/);
    // The base alone has none of the overlay's problems.
    const base = review([`${ORIGINS}/base`, ...checks]);
    assert.equal(base.status, 0);
    assert.deepEqual(base.report.findings, []);
  });

  it('a base and its overlays reviewed together: no duplicates across builds, one finding per base line', () => {
    // overlays/same renders the base's objects unchanged (another cluster): same names, same source lines.
    const { report } = review([
      ORIGINS,
      '--include',
      'object-duplicate',
      'container-privilege-escalation-allowed',
    ]);
    assert.deepEqual(report.errors, []);
    assert.equal(report.summary.objects, 7);
    assert.deepEqual(
      report.findings.filter((f) => f.check === 'object-duplicate'),
      [],
    );
    // The base's "web" container is one problem in three builds (the base, overlays/same, and overlays/prod where
    // it is the second container, prod-web): one finding listing them. The sidecar the prod patch adds is its own.
    assert.deepEqual(report.findings.map(at).sort(), [
      `container-privilege-escalation-allowed Deployment/prod-web ${ORIGINS}/overlays/prod/deployment-patch.yaml (rendered by kustomize):10:11`,
      `container-privilege-escalation-allowed Deployment/web ${ORIGINS}/base/deployment.yaml (rendered by kustomize):20:11`,
    ]);
    const web = report.findings.find((f) => f.object.name === 'web');
    assert.deepEqual(web?.builds, [
      { dir: `${ORIGINS}/base`, object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } },
      {
        dir: `${ORIGINS}/overlays/prod`,
        object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'prod-web' },
      },
      { dir: `${ORIGINS}/overlays/same`, object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } },
    ]);
  });

  it('--fix does not edit a base through its rendered objects', () => {
    const before = readFileSync(`${ORIGINS}/base/deployment.yaml`, 'utf8');
    const run = shipshape(
      [
        'review',
        `${ORIGINS}/overlays/prod`,
        '--include',
        'container-privilege-escalation-allowed',
        '--fix',
        '--no-color',
      ],
      { env: { PATH } },
    );
    assert.match(`${run.stdout}${run.stderr}`, /rendered by kustomize; fix the chart or overlay/);
    assert.equal(readFileSync(`${ORIGINS}/base/deployment.yaml`, 'utf8'), before);
  });

  it('kube-linter corpus flag-kustomize-support: findings on the namePrefix-ed Deployment', {
    skip: existsSync(KUBE_LINTER_CASE) ? false : `corpus case ${KUBE_LINTER_CASE} not present`,
  }, () => {
    // kube-linter's expectation: exit 1 (it fails on any report: our --fail-on info), at least one report, and
    // the Deployment reported under its prefixed name.
    const { status, report } = review([KUBE_LINTER_CASE, '--fail-on', 'info']);
    assert.equal(status, 1);
    assert.deepEqual(report.errors, []);
    const names = new Set(report.findings.map((f) => `${f.object.kind}/${f.object.name}`));
    assert.ok(names.has('Deployment/kustomize-test-deployment'), [...names].join(', '));
    assert.ok(![...names].some((n) => n.endsWith('/test-deployment') || n.endsWith('/test-service')));
    // Every finding is on the base file that holds the object (the kustomization only lists them).
    const files = new Set(report.findings.map((f) => f.file));
    assert.deepEqual([...files].sort(), [
      `${KUBE_LINTER_CASE}/base/deployment.yaml (rendered by kustomize)`,
      `${KUBE_LINTER_CASE}/base/service.yaml (rendered by kustomize)`,
    ]);
  });
});

describe('review when the renderers are missing', () => {
  const empty = mkdtempSync(join(tmpdir(), 'shipshape-no-tools-'));
  after(() => rmSync(empty, { recursive: true, force: true }));

  it('says which tool is missing for each directory, exits 2, and still reviews the other files', () => {
    const { status, report, stderr } = review(
      [CHART, 'test/fixtures/kustomize/app/overlays/prod', 'test/fixtures/cli/app', ...PINNED],
      empty,
    );
    assert.equal(status, 2, stderr);
    assert.deepEqual(
      report.errors.map((e) => e.message),
      [
        `"${CHART}" is a Helm chart, but helm is not installed (not found on PATH); install helm (https://helm.sh/docs/intro/install/) to review charts; skipped`,
        '"test/fixtures/kustomize/app/overlays/prod" is a Kustomize directory, but kustomize or kubectl is not installed (not found on PATH); install kustomize (https://kubectl.docs.kubernetes.io/installation/kustomize/) or kubectl to review it; skipped',
      ],
    );
    assert.equal(report.findings.length, 2);
    assert.ok(report.findings.every((f) => f.file === 'test/fixtures/cli/app/app.yaml'));
  });

  it('the text output names the missing tool too', () => {
    const run = shipshape(['review', CHART, ...PINNED, '--no-color'], { env: { PATH: empty } });
    assert.equal(run.status, 2);
    assert.match(`${run.stdout}${run.stderr}`, /helm is not installed \(not found on PATH\)/);
  });
});
