// Live: the Helm chart of `shipshape serve` installs on the real control plane of the test bed into a namespace
// that enforces Pod Security "restricted" (the API server's own admission judges the pod), becomes available,
// and its ServiceAccount can read what a scan reads and nothing more.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { getJson, kubectl, testbedKubeconfig, testbedSkipReason, waitFor } from '../../testbed/scenarios.ts';
import { CHART, HELM_MISSING, TOOLS_PATH } from '../support/helm.ts';

const skip = (await testbedSkipReason()) || HELM_MISSING || false;
const NS = `shipshape-helm-${process.pid}`;
const RELEASE = `ship${process.pid}`;

function helm(...args: string[]) {
  return spawnSync('helm', [...args, '--kubeconfig', testbedKubeconfig()], {
    env: { ...process.env, PATH: TOOLS_PATH },
    encoding: 'utf8',
    timeout: 240_000,
  });
}

describe('Helm chart on the test bed', { skip }, () => {
  before(async () => {
    await kubectl(['create', 'namespace', NS]);
    await kubectl(['label', 'namespace', NS, 'pod-security.kubernetes.io/enforce=restricted']);
  });
  after(async () => {
    helm('uninstall', RELEASE, '--namespace', NS, '--wait');
    await kubectl(['delete', 'namespace', NS, '--wait=false']).catch(() => undefined);
  });

  it('installs into a restricted namespace and becomes available', async () => {
    // The test bed has no storage provisioner: the history goes to an emptyDir here.
    const run = helm(
      'install',
      RELEASE,
      CHART,
      '--namespace',
      NS,
      '--set',
      'persistence.enabled=false',
      '--wait',
      '--timeout',
      '180s',
    );
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const deployment = `${RELEASE}-shipshape`;
    const available = await waitFor(
      'deployment available',
      async () => {
        const d = await getJson(['get', 'deployment', deployment, '-n', NS]);
        return (d.status?.availableReplicas ?? 0) >= 1 ? d : undefined;
      },
      120_000,
    );
    assert.equal(available.status.availableReplicas, 1);
    const events = await getJson(['get', 'events', '-n', NS]);
    const refused = (events.items as { reason: string; message: string }[]).filter(
      (e) => e.reason === 'FailedCreate',
    );
    assert.deepEqual(
      refused.map((e) => e.message),
      [],
      'Pod Security admission refused nothing',
    );
    const secret = await getJson(['get', 'secret', `${deployment}-http`, '-n', NS]);
    assert.ok(Buffer.from(secret.data.token, 'base64').length >= 32, 'a generated HTTP token');
  });

  it('its ServiceAccount reads what a scan reads, and no Secret or write', async () => {
    const as = `system:serviceaccount:${NS}:${RELEASE}-shipshape`;
    const can = async (...args: string[]) =>
      (
        await kubectl(['auth', 'can-i', ...args, '--as', as]).catch(
          (e: { stdout?: string }) => e.stdout ?? 'no',
        )
      ).trim();
    assert.equal(await can('list', 'pods', '-A'), 'yes');
    assert.equal(await can('watch', 'deployments.apps', '-A'), 'yes');
    assert.equal(await can('list', 'clusterrolebindings.rbac.authorization.k8s.io'), 'yes');
    assert.equal(await can('get', 'secrets', '-A'), 'no');
    assert.equal(await can('delete', 'pods', '-A'), 'no');
    assert.equal(await can('create', 'deployments.apps', '-A'), 'no');
    assert.equal(await can('patch', 'nodes'), 'no');
  });
});
