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
const HELM = works('helm', ['version', '--short'])
  ? false
  : 'helm is not installed (run `bash scripts/install-tools.sh` to build it into ~/.cache/shipshape-tools/bin)';

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
  builds?: { dir: string; object: { namespace?: string; name: string } }[];
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
    assert.equal(
      report.summary.objects,
      3,
      'web, the kustomization worker, the shared settings built by prod',
    );
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

  it('a kustomization its parent does not list, built through another one of the run, is not named as skipped', () => {
    const { report } = run();
    assert.ok(!(report.skipped ?? []).some((s) => s.file.includes('shared')), JSON.stringify(report.skipped));
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

describe('a repository root with a chart whose dependencies are not fetched', { skip: HELM }, () => {
  const ROOT = `${CORPUS}/repo-chart-deps`;

  it('skips the chart, saying how to fetch them, and exits by findings alone (0)', () => {
    const { status, report } = review([ROOT]);
    assert.deepEqual(report.errors, []);
    assert.equal(status, 0);
    assert.deepEqual(report.skipped, [
      {
        file: `${ROOT}/chart`,
        reason:
          'a Helm chart whose dependencies are not in its charts/ directory (postgresql, redis): not rendered, so not reviewed (run `helm dependency build` in it, then review again)',
      },
    ]);
    assert.equal(report.summary.objects, 1, 'the plain manifest is reviewed');
  });

  it("the chart named on the command line is an error (exit 2) with helm's reason", () => {
    const { status, report } = review([`${ROOT}/chart`]);
    assert.equal(status, 2);
    assert.match(report.errors[0]?.message ?? '', /missing in charts\/ directory: postgresql, redis/);
    assert.deepEqual(report.skipped, []);
  });
});

/** "check Kind namespace/name file:line:column" with the renderer's label taken off the file. */
const at = (f: Finding) =>
  `${f.check} ${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name} ${(f.file ?? '').replace(/ \(rendered by (?:helm|kustomize)\)$/, '')}:${f.line}:${f.column}`;

describe('a Helm chart: findings at the template line that produced the field', { skip: HELM }, () => {
  const CHART = `${CORPUS}/chart`;
  const T = `${CHART}/templates`;
  // Checks that are stable across the other work on review; each case names a template line on purpose.
  const CHECKS = [
    '--include',
    'image-tag-mutable',
    'container-privileged',
    'volume-host-path',
    'pod-host-network',
    'workload-single-replica',
    'labels-required-missing',
    'pod-service-account-token-automounted',
    'api-version-removed',
  ];
  const run = () => review([CHART, ...CHECKS]);

  it("a document opened by a range and a trimmed variable line: its first key is at its own line, not the range's", () => {
    const { report } = review([`${CORPUS}/chart-range`, '--include', 'schema-kind-unknown']);
    assert.deepEqual(
      report.findings.map((f) => `${f.check} ${f.path} ${at(f).split(' ').pop()}`),
      [`schema-kind-unknown apiVersion ${CORPUS}/chart-range/templates/widgets.yaml:3:1`],
    );
  });

  it('renders although the chart requires kubeVersion >=1.25 (the review passes --kube-version)', () => {
    const { status, report } = run();
    assert.deepEqual(report.errors, []);
    assert.equal(status, 1);
    assert.equal(
      report.summary.objects,
      5,
      'ServiceAccount, ConfigMap, APIService, Deployment, the subchart StatefulSet',
    );
  });

  it('must not fire api-version-removed: helm is told what the target version serves, so the chart picks v1', () => {
    assert.ok(!run().report.findings.some((f) => f.check === 'api-version-removed'));
  });

  it('every finding is at its template line: literal lines, lines after trimmed blocks, expanded actions, a subchart', () => {
    assert.deepEqual(
      run().report.findings.map(at).sort(),
      [
        // The subchart's template, after a comment action: its own lines.
        `labels-required-missing StatefulSet release-cache ${CHART}/charts/cache/templates/statefulset.yaml:3:1`,
        `pod-host-network StatefulSet release-cache ${CHART}/charts/cache/templates/statefulset.yaml:17:7`,
        `pod-service-account-token-automounted StatefulSet release-cache ${CHART}/charts/cache/templates/statefulset.yaml:15:5`,
        `workload-single-replica StatefulSet release-cache ${CHART}/charts/cache/templates/statefulset.yaml:7:3`,
        // privileged comes from `toYaml .Values.securityContext | nindent 12`: the line of that action.
        `container-privileged Deployment release-web ${T}/deployment.yaml:44:13`,
        // The image line, 29 rendered lines into the second document of the template (the first, a ServiceAccount,
        // and a {{- if}} block come before it).
        `image-tag-mutable Deployment release-web ${T}/deployment.yaml:37:11`,
        // Inside a {{- if}} block at the end of the template.
        `volume-host-path Deployment release-web ${T}/deployment.yaml:61:13`,
      ].sort(),
    );
  });

  it('must not fire: the labels from an include, the explicit automount: false, the chart replicas of 2', () => {
    const names = run()
      .report.findings.filter((f) => f.object.name === 'release-web' || f.object.name === 'release-settings')
      .map((f) => f.check);
    assert.ok(!names.includes('labels-required-missing'), names.join());
    assert.ok(!names.includes('pod-service-account-token-automounted'), names.join());
    assert.ok(!names.includes('workload-single-replica'), names.join());
  });

  it('--kube-version is what helm checks the chart against: 1.24 is refused by its kubeVersion', () => {
    const { status, report } = review([CHART, ...CHECKS, '--kube-version', '1.24']);
    assert.equal(status, 2);
    assert.match(
      report.errors[0]?.message ?? '',
      /chart requires kubeVersion: >=1\.25\.0-0 which is incompatible with Kubernetes v1\.24/,
    );
  });
});

describe('Kustomize overlays: a patched field at its patch, the base once for all its builds', {
  skip: KUSTOMIZE,
}, () => {
  const K = `${CORPUS}/kustomize`;
  const CHECKS = [
    '--include',
    'container-privileged',
    'image-tag-mutable',
    'workload-single-replica',
    'container-memory-limit-missing',
    'pod-host-network',
    'pod-host-pid',
    'workload-anti-affinity-missing',
  ];
  const run = () => review([K, ...CHECKS]);

  it('each finding points at the file and line that set the field', () => {
    const { status, report } = run();
    assert.deepEqual(report.errors, []);
    assert.equal(status, 1);
    assert.deepEqual(
      report.findings.map(at).sort(),
      [
        // The base sets privileged: the base line, once for the four builds.
        `container-privileged Deployment shop ${K}/base/deployment.yaml:31:13`,
        // An inline strategic merge patch adds log-shipper (no memory limit, a :latest image) and hostNetwork.
        `container-memory-limit-missing Deployment prod/shop-v2 ${K}/overlays/prod/kustomization.yaml:18:17`,
        `image-tag-mutable Deployment prod/shop-v2 ${K}/overlays/prod/kustomization.yaml:19:17`,
        `pod-host-network Deployment prod/shop-v2 ${K}/overlays/prod/kustomization.yaml:16:13`,
        // An inline JSON 6902 patch adds hostPID: its value line.
        `pod-host-pid Deployment prod/shop-v2 ${K}/overlays/prod/kustomization.yaml:26:9`,
        // A JSON 6902 patch file replaces the image (its value line) and removes the affinity (its path line).
        `image-tag-mutable Deployment staging/shop ${K}/overlays/staging/image-patch.yaml:4:3`,
        `workload-anti-affinity-missing Deployment staging/shop ${K}/overlays/staging/image-patch.yaml:6:3`,
        // A strategic merge patch file sets one replica.
        `workload-single-replica Deployment dev/dev-shop ${K}/overlays/dev/replicas-patch.yaml:7:3`,
      ].sort(),
    );
  });

  it('the base problem is one finding that lists the base and its three overlays, with their names and namespaces', () => {
    const privileged = run().report.findings.filter((f) => f.check === 'container-privileged');
    assert.equal(privileged.length, 1);
    assert.deepEqual(
      privileged[0]!.builds?.map((b) => `${b.dir} ${b.object.namespace ?? '-'}/${b.object.name}`),
      [
        `${K}/base -/shop`,
        `${K}/overlays/dev dev/dev-shop`,
        `${K}/overlays/prod prod/shop-v2`,
        `${K}/overlays/staging staging/shop`,
      ],
    );
  });

  it('must not fire at the base for what only patches set; the base alone has only its own problem', () => {
    const { status, report } = review([`${K}/base`, ...CHECKS]);
    assert.equal(status, 1);
    assert.deepEqual(report.findings.map(at), [
      `container-privileged Deployment shop ${K}/base/deployment.yaml:31:13`,
    ]);
    assert.equal(report.findings[0]!.builds, undefined, 'one build: nothing to list');
    assert.ok(
      !run().report.findings.some(
        (f) => f.file?.startsWith(`${K}/base/`) && f.check !== 'container-privileged',
      ),
    );
  });

  it('text output lists the builds under the finding', () => {
    const text = shipshape(['review', K, ...CHECKS, '--no-color'], { env: { PATH } }).stdout;
    assert.match(
      text,
      new RegExp(
        `\\[container-privileged\\]\\n {6}in 4 builds: ${K}/base \\(shop\\), ${K}/overlays/dev \\(dev/dev-shop\\), ${K}/overlays/prod \\(prod/shop-v2\\), ${K}/overlays/staging \\(staging/shop\\)\\n`,
      ),
    );
  });
});
