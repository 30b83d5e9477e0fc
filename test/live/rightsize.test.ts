// Live: `shipshape rightsize` without --prometheus reads the metrics API of the test bed's real API server. The
// test bed serves no metrics.k8s.io (no metrics-server): the answer must say so, list the workloads with their
// current requests, and recommend nothing. Skips, saying why, when the test bed is not up.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Report } from '../../src/core/report.ts';
import {
  apply,
  createTestNamespace,
  deleteNamespace,
  testbedKubeconfig,
  testbedSkipReason,
} from '../../testbed/scenarios.ts';
import { runCliSync } from '../support/cli.ts';

const skip = await testbedSkipReason();

describe('live: rightsize from the metrics API', { skip }, () => {
  let ns = '';
  before(async () => {
    ns = await createTestNamespace('rsz');
    await apply([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'api', namespace: ns },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'api' } },
          template: {
            metadata: { labels: { app: 'api' } },
            spec: {
              containers: [
                { name: 'api', image: 'api:1', resources: { requests: { cpu: '250m', memory: '128Mi' } } },
              ],
            },
          },
        },
      },
    ]);
  });
  after(async () => {
    if (ns) await deleteNamespace(ns);
  });

  it('says the metrics API is not served, shows current requests, recommends nothing', () => {
    const run = runCliSync([
      'rightsize',
      '--kubeconfig',
      testbedKubeconfig(),
      '-n',
      ns,
      '-o',
      'json',
      '--no-progress',
    ]);
    assert.equal(run.status, 2, run.stderr);
    const report = JSON.parse(run.stdout) as Report;
    assert.equal(report.rightsize?.mode, 'point-in-time');
    assert.match(
      report.errors.map((e) => e.message).join('\n'),
      /the metrics API \(metrics\.k8s\.io\) is not served by https:\/\/.*: install metrics-server, or give --prometheus <url> for history; no recommendation was made/,
    );
    const api = report.rightsize?.containers.find((c) => c.name === 'api');
    assert.deepEqual(api?.cpu.current, { request: 0.25 });
    assert.equal(api?.cpu.recommended, undefined);
    assert.deepEqual(report.findings, []);
  });

  it("refuses files without --prometheus (the metrics API is a live cluster's)", () => {
    const run = runCliSync(['rightsize', 'examples/', '--kubeconfig', testbedKubeconfig()]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /without --prometheus, rightsize reads the metrics API of a live cluster/);
  });
});
