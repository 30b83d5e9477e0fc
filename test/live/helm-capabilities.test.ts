// Live: `review <chart> --kubeconfig` renders the chart for the connected cluster — helm is told the cluster's
// version (--kube-version) and what it serves, CRDs included (--api-versions), as `helm install` would see them
// (docs/decisions/0040). Runs against the test bed (testbed/README.md); skips, saying why, when it is not up.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { apply, kubectl, testbedKubeconfig, testbedSkipReason, waitFor } from '../../testbed/scenarios.ts';
import { shipshape } from '../e2e/cli-support.ts';

const TOOLS = join(homedir(), '.cache/shipshape-tools/bin');
const PATH = [TOOLS, process.env.PATH ?? ''].join(delimiter);
const helm = spawnSync('helm', ['version', '--short'], { env: { ...process.env, PATH } }).status === 0;
const skip =
  (await testbedSkipReason()) || (helm ? false : 'helm is not installed (bash scripts/install-tools.sh)');

/** A group of our own, so the test bed's other users never meet it. */
const GROUP = 'locations.shipshape.dev';
const CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `widgets.${GROUP}` },
  spec: {
    group: GROUP,
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
      },
    ],
  },
};

interface Report {
  findings: { check: string; object: { kind: string } }[];
  errors: { message: string }[];
  summary: { objects: number };
}

describe('live: a chart renders for the connected cluster', { skip }, () => {
  let chart: string;
  let version: string;

  before(async () => {
    const info = JSON.parse(await kubectl(['version', '-o', 'json'])) as { serverVersion: { minor: string } };
    version = `1.${info.serverVersion.minor.replace(/\D.*$/, '')}`;
    await apply([CRD]);
    // Served once it shows in discovery and in its OpenAPI v3 document: shipshape reads the served API from
    // /openapi/v3, which the API server publishes a moment after discovery (waiting for discovery alone was flaky).
    await waitFor('the Widget CRD to be served', async () => {
      try {
        const discovery = await kubectl(['get', '--raw', `/apis/${GROUP}/v1`]);
        const openapi = await kubectl(['get', '--raw', `/openapi/v3/apis/${GROUP}/v1`]);
        return discovery.includes('"Widget"') && openapi.includes('Widget');
      } catch {
        return false;
      }
    });
    chart = mkdtempSync(join(tmpdir(), 'shipshape-live-chart-'));
    mkdirSync(join(chart, 'templates'));
    writeFileSync(
      join(chart, 'Chart.yaml'),
      // Only this cluster's minor version satisfies the constraint: offline, the review targets another.
      `apiVersion: v2\nname: widgets\nversion: 0.1.0\nkubeVersion: ">=${version}.0-0 <${version}.999-0"\n`,
    );
    writeFileSync(
      join(chart, 'templates', 'widget.yaml'),
      [
        `{{- if .Capabilities.APIVersions.Has "${GROUP}/v1/Widget" }}`,
        `apiVersion: ${GROUP}/v1`,
        'kind: Widget',
        'metadata:',
        '  name: gadget',
        '{{- end }}',
        '---',
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: settings',
        '',
      ].join('\n'),
    );
  });

  after(async () => {
    if (chart) rmSync(chart, { recursive: true, force: true });
    await kubectl(['delete', 'crd', `widgets.${GROUP}`, '--ignore-not-found']).catch(() => undefined);
  });

  const review = (args: string[]) => {
    const run = shipshape(['review', chart, '-o', 'json', '--fail-on', 'none', ...args], { env: { PATH } });
    return { status: run.status, report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
  };

  it('with --kubeconfig: the cluster version satisfies kubeVersion and the served CRD is rendered', () => {
    const { status, report, stderr } = review(['--kubeconfig', testbedKubeconfig()]);
    assert.deepEqual(report.errors, [], stderr);
    assert.equal(status, 0);
    assert.equal(report.summary.objects, 2, 'the Widget and the ConfigMap');
  });

  it('offline for the same version: rendered, but helm does not know the CRD, so no Widget', () => {
    const { report } = review(['--kube-version', version]);
    assert.deepEqual(report.errors, []);
    assert.equal(report.summary.objects, 1, 'only the ConfigMap');
  });

  it('offline for another version: the chart refuses it, as helm install would on such a cluster', () => {
    const other = `1.${Number(version.split('.')[1]) + 1}`;
    const { status, report } = review(['--kube-version', other]);
    assert.equal(status, 2);
    assert.match(report.errors[0]?.message ?? '', /chart requires kubeVersion/);
  });
});
