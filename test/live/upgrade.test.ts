// Live: `shipshape upgrade --to` finds a removed apiVersion inside a Helm release Secret on the test bed's real
// API server (testbed/README.md). Skips, saying why, when the test bed is not up.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Report } from '../../src/core/report.ts';
import { helmReleaseSecret } from '../../src/testing/cluster-builders.ts';
import {
  apply,
  createTestNamespace,
  deleteNamespace,
  testbedKubeconfig,
  testbedSkipReason,
} from '../../testbed/scenarios.ts';
import { runCliSync } from '../support/cli.ts';

const skip = await testbedSkipReason();

const MANIFEST = `---
# Source: web/templates/hpa.yaml
apiVersion: autoscaling/v2beta2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 5
---
# Source: web/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
`;

describe('live: upgrade --to finds removed APIs in Helm releases', { skip }, () => {
  let ns = '';
  before(async () => {
    ns = await createTestNamespace('upg');
    await apply([helmReleaseSecret('web', ns, MANIFEST, { chart: 'web' })]);
  });
  after(async () => {
    if (ns) await deleteNamespace(ns);
  });

  it('reports autoscaling/v2beta2 in the deployed release with its replacement, and blocks the upgrade', () => {
    const run = runCliSync([
      'upgrade',
      '--to',
      '1.34',
      '--kubeconfig',
      testbedKubeconfig(),
      '-n',
      ns,
      '-o',
      'json',
      '--fail-on',
      'none',
      '--no-progress',
    ]);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as Report;
    const helm = report.findings.filter(
      (f) => f.check === 'helm-release-api-removed' && f.object.namespace === ns,
    );
    assert.equal(helm.length, 1, JSON.stringify(report.findings.map((f) => f.check)));
    assert.match(helm[0]!.message, /autoscaling\/v2beta2/);
    assert.match(helm[0]!.message, /autoscaling\/v2\b/);
    assert.equal(report.upgrade?.verdict, 'blocked');
  });
});
