// Live: `shipshape rbac` against the test bed's real API server: answers read from the cluster, --verify confirmed
// by SubjectAccessReview, the authorizer chain probed (RBAC + Node only here: not a lower bound), and an identity
// that may not read RBAC told so. Skips, saying why, when the test bed is not up.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  apply,
  createTestNamespace,
  deleteNamespace,
  kubectl,
  testbedKubeconfig,
  testbedSkipReason,
} from '../../testbed/scenarios.ts';
import { runCli } from '../support/cli.ts';

const skip = await testbedSkipReason();

describe('live: shipshape rbac', { skip }, () => {
  let ns = '';
  const crb = `rbac-cli-${process.pid.toString(36)}`;
  before(async () => {
    ns = await createTestNamespace('rbac');
    await apply([
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'deployer', namespace: ns } },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'deploy', namespace: ns },
        rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'update'] }],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'deployer', namespace: ns },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'deploy' },
        subjects: [{ kind: 'ServiceAccount', name: 'deployer' }],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: crb },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: `${crb}-auditors` }],
      },
    ]);
  });
  after(async () => {
    if (ns) await deleteNamespace(ns);
    await kubectl(['delete', 'clusterrolebinding', crb, '--ignore-not-found']).catch(() => {});
  });

  const live = ['--kubeconfig', testbedKubeconfig(), '--context', 'admin', '--no-progress'];

  it('who-can --verify: every answer confirmed by the API server; not a lower bound on RBAC+Node', async () => {
    const run = await runCli([
      'rbac',
      'who-can',
      'update',
      'deployments',
      '-n',
      ns,
      '--verify',
      '-o',
      'json',
      ...live,
    ]);
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout) as {
      lowerBound: boolean;
      notes: string[];
      subjects: { kind: string; name: string; namespace?: string; verified?: boolean }[];
    };
    assert.equal(out.lowerBound, false);
    assert.match(out.notes[0] ?? '', /^authorizers: every authorizer/);
    const deployer = out.subjects.find((s) => s.kind === 'ServiceAccount' && s.name === 'deployer');
    assert.equal(deployer?.namespace, ns);
    assert.ok(out.subjects.length > 1, 'controllers bound by the bootstrap policy are there too');
    assert.ok(
      out.subjects.every((s) => s.verified === true),
      JSON.stringify(out.subjects.filter((s) => !s.verified)),
    );
  });

  it('can, one question and the table, read from the cluster and verified', async () => {
    const yes = await runCli([
      'rbac',
      'can',
      `sa:${ns}/deployer`,
      'update',
      'deployments',
      '-n',
      ns,
      '--verify',
      ...live,
    ]);
    assert.equal(yes.status, 0, yes.stderr);
    assert.match(yes.stdout, /SubjectAccessReview: allowed/);
    const no = await runCli([
      'rbac',
      'can',
      `sa:${ns}/deployer`,
      'delete',
      'deployments',
      '-n',
      ns,
      '--verify',
      ...live,
    ]);
    assert.equal(no.status, 1);
    assert.match(no.stdout, /SubjectAccessReview: denied/);
    const table = await runCli(['rbac', 'can', `Group:${crb}-auditors`, '--verify', '-o', 'json', ...live]);
    assert.equal(table.status, 0, table.stderr);
    const out = JSON.parse(table.stdout) as {
      permissions: { scope: string; verified?: boolean; role: { name: string } }[];
    };
    const view = out.permissions.filter((p) => p.role.name === 'view');
    assert.ok(view.length > 5 && view.every((p) => p.scope === '' && p.verified === true));
  });

  it('an identity that may not list RBAC objects is told, exit 2', async () => {
    const run = await runCli([
      'rbac',
      'who-can',
      'get',
      'pods',
      '--kubeconfig',
      testbedKubeconfig(),
      '--context',
      'viewer',
      '--no-progress',
    ]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /cannot evaluate RBAC: .*could not be read/);
  });
});
