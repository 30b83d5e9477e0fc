// `shipshape rbac` as users run it, over manifests (test/fixtures/rbac/): answers, exit codes, the JSON contracts.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCliSync } from '../support/cli.ts';

const BEFORE = 'test/fixtures/rbac/before';
const AFTER = 'test/fixtures/rbac/after';

describe('shipshape rbac', () => {
  it('who-can names every subject with its binding, role and rule, and name-limited rules apart', () => {
    const run = runCliSync(['rbac', 'who-can', 'get', 'secrets', '-n', 'shop', '-f', BEFORE, '-o', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout) as {
      command: string;
      subjects: {
        kind: string;
        name: string;
        binding: { name: string };
        role: { name: string; builtIn?: boolean };
        names?: string[];
      }[];
      errors: string[];
      privilegedGroups: string[];
    };
    assert.equal(out.command, 'rbac who-can');
    assert.deepEqual(out.privilegedGroups, ['system:masters']);
    const byName = new Map(out.subjects.map((s) => [`${s.kind}:${s.name}`, s]));
    assert.equal(byName.get('Group:shop-devs')?.role.name, 'edit');
    assert.equal(byName.get('Group:shop-devs')?.role.builtIn, true);
    assert.deepEqual(byName.get('ServiceAccount:ci')?.names, ['registry-pull']);
    assert.ok(!byName.has('Group:auditors'), 'view does not read Secrets');
    assert.match(out.errors.join('\n'), /role.rbac.authorization.k8s.io "removed-long-ago" not found/);
  });

  it('who-can of a resource a chart aggregates into view reaches everyone bound to view', () => {
    const run = runCliSync(['rbac', 'who-can', 'list', 'widgets.example.com', '-f', BEFORE]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /Group auditors +cluster-wide +ClusterRoleBinding auditors → default ClusterRole view from ClusterRole widgets-view rule 0/,
    );
    assert.match(run.stdout, /Group shop-devs +namespace shop/);
  });

  it('can answers one question like kubectl auth can-i: exit 0 yes, 1 no', () => {
    const yes = runCliSync(['rbac', 'can', 'sa:ci/ci', 'update', 'deployments', '-n', 'shop', '-f', BEFORE]);
    assert.equal(yes.status, 0, yes.stderr);
    assert.match(yes.stdout, /^yes: ServiceAccount ci\/ci/);
    assert.match(yes.stdout, /RoleBinding shop\/ci-deployer → Role shop\/deployer rule 0/);
    const no = runCliSync(['rbac', 'can', 'sa:ci/ci', 'delete', 'deployments', '-n', 'shop', '-f', BEFORE]);
    assert.equal(no.status, 1);
    assert.match(no.stdout, /^no: /);
    const unknown = runCliSync(['rbac', 'can', 'sa:ci/ci', 'get', 'widgets', '-n', 'shop', '-f', BEFORE]);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown resource "widgets"/);
  });

  it('can lists permissions per scope, and a group member’s grants through the group', () => {
    const run = runCliSync(['rbac', 'can', 'alice', '--group', 'auditors', '-f', BEFORE, '-o', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout) as {
      permissions: { scope: string; viaGroup?: string; inherited: boolean; binding: { name: string } }[];
    };
    const auditors = out.permissions.filter((p) => p.viaGroup === 'auditors');
    assert.ok(auditors.length > 5 && auditors.every((p) => p.scope === '' && !p.inherited));
    assert.ok(out.permissions.some((p) => p.viaGroup === 'system:authenticated' && p.inherited));
  });

  it('audit reports findings with check ids and runbooks, and the dangling binding', () => {
    const run = runCliSync(['rbac', 'audit', '-f', BEFORE, '-o', 'json', '--fail-on', 'none']);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as {
      command: string;
      findings: { check: string; object: { name: string }; runbook: string }[];
    };
    assert.equal(report.command, 'rbac audit');
    const checks = report.findings.map((f) => `${f.check} ${f.object.name}`);
    assert.ok(checks.includes('rbac-binding-pod-exec-attach team-edit'), checks.join('\n'));
    assert.ok(checks.includes('rbac-secrets-access team-edit'));
    assert.ok(
      checks.includes('rbac-binding-pod-exec-attach leftover'),
      'the missing role is said to be unknown',
    );
    assert.ok(report.findings.every((f) => f.runbook === `docs/runbooks/${f.check}.md`));
  });

  it('review -o json, then --since: what was added, widened, narrowed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-rbac-'));
    try {
      const first = runCliSync(['rbac', 'review', '-f', BEFORE, '-o', 'json']);
      assert.equal(first.status, 0, first.stderr);
      const previous = join(dir, 'review.json');
      writeFileSync(previous, first.stdout);
      const second = runCliSync(['rbac', 'review', '-f', AFTER, '--since', previous]);
      assert.equal(second.status, 0, second.stderr);
      assert.match(second.stdout, /## Changes since the previous review/);
      assert.match(second.stdout, /\| added \| User carol \| cluster-wide \| - → read \|/);
      assert.match(
        second.stdout,
        /\| widened \| ServiceAccount ci\/ci \| namespace shop \|.*`create\\\|''\\\|pods\/exec`/,
      );
      writeFileSync(previous, '{"schemaVersion": 7}');
      const bad = runCliSync(['rbac', 'review', '-f', AFTER, '--since', previous]);
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /is not a shipshape access review/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('diff shows who gains what between two manifest sets', () => {
    const run = runCliSync(['rbac', 'diff', BEFORE, AFTER, '-o', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout) as { changes: { change: string; subject: string; via: string[] }[] };
    assert.deepEqual(
      out.changes.map((c) => `${c.change} ${c.subject}`),
      ['added User carol', 'widened ServiceAccount ci/ci', 'narrowed ServiceAccount ci/ci'],
    );
    assert.deepEqual(out.changes[0]?.via, ['ClusterRoleBinding auditors → ClusterRole view']);
  });
});
