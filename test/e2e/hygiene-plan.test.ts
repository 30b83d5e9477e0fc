// shipshape hygiene (--plan), apply-plan's refusals and scan, through the real CLI on a snapshot.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parsePlan } from '../../src/hygiene/plan.ts';
import { configMap, minutesBefore, namespace, node, pod } from '../../src/testing/cluster-builders.ts';
import { shipshape } from './cli-support.ts';

const dir = mkdtempSync(join(tmpdir(), 'shipshape-hygiene-'));
const now = new Date().toISOString();
const withIds = (o: Record<string, unknown>, n: number) => {
  const meta = o.metadata as Record<string, unknown>;
  meta.uid = `uid-${n}`;
  meta.resourceVersion = String(100 + n);
  meta.creationTimestamp ??= minutesBefore(now, 60 * 24 * 60);
  return o;
};
const web = pod('web-1', {
  namespace: 'shop',
  labels: { app: 'web' },
  owner: { kind: 'ReplicaSet', name: 'web-1' },
  volumes: [{ name: 'cfg', projected: { sources: [{ configMap: { name: 'projected-only' } }] } }],
  now,
});
const objects = [
  namespace('shop'),
  node('node-1', { now }),
  web,
  configMap('projected-only', 'shop'),
  configMap('stale', 'shop'),
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'registry', namespace: 'shop' },
    type: 'kubernetes.io/dockerconfigjson',
    data: {},
  },
  {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'default', namespace: 'shop' },
    imagePullSecrets: [{ name: 'registry' }],
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'gone-app', namespace: 'shop' },
    spec: { selector: { app: 'gone' }, ports: [{ port: 80 }] },
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'old', namespace: 'shop' },
    rules: [],
  },
].map((o, i) => withIds(o as Record<string, unknown>, i));
const KINDS = [
  'Namespace',
  'Node',
  'Pod',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'Service',
  'EndpointSlice',
  'Role',
  'RoleBinding',
  'ClusterRole',
  'ClusterRoleBinding',
  'PersistentVolumeClaim',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Ingress',
];
const snapshot = join(dir, 'snapshot.json');
writeFileSync(
  snapshot,
  JSON.stringify({
    apiVersion: 'shipshape.dev/v1',
    kind: 'Snapshot',
    metadata: { context: 'kind-e2e', kindsRead: KINDS, takenAt: now },
    items: objects,
  }),
);

describe('hygiene --snapshot', () => {
  it('reports the unused objects, not the tricky references, and writes a valid plan', () => {
    const planFile = join(dir, 'plan.yaml');
    const run = shipshape([
      'hygiene',
      '--snapshot',
      snapshot,
      '-o',
      'json',
      '--fail-on',
      'none',
      '--plan',
      planFile,
    ]);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    const found = report.findings
      .map((f: { check: string; object: { name: string } }) => `${f.check} ${f.object.name}`)
      .sort();
    assert.deepEqual(found, ['configmap-unused stale', 'role-unused old', 'service-unused gone-app']);
    const plan = parsePlan(readFileSync(planFile, 'utf8'));
    assert.equal(plan.metadata.context, 'kind-e2e');
    assert.deepEqual(
      plan.items.map((i) => `${i.kind}/${i.name}/${i.uid}`),
      ['Role/old/uid-8', 'Service/gone-app/uid-7', 'ConfigMap/stale/uid-4'],
    );
  });
  it('says which checks could not run when a kind is missing, instead of calling objects unused', () => {
    const partial = join(dir, 'partial.json');
    writeFileSync(
      partial,
      JSON.stringify({
        kind: 'Snapshot',
        apiVersion: 'shipshape.dev/v1',
        metadata: { kindsRead: ['ConfigMap'] },
        items: [objects[4]],
      }),
    );
    const run = shipshape(['hygiene', '--snapshot', partial, '-o', 'json', '--fail-on', 'none']);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(report.findings, []);
    assert.ok(
      report.errors.some((e: { message: string }) =>
        /configmap-unused" did not run: .*\bPod\b/.test(e.message),
      ),
    );
  });
  it('with -n, leaves out what other namespaces could prove used, and says so', () => {
    const scoped = join(dir, 'scoped.json');
    const extra = [
      namespace('other'),
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'team-reader' },
        rules: [],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'team-reader', namespace: 'other' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'team-reader' },
        subjects: [{ kind: 'Group', name: 'team' }],
      },
    ].map((o, i) => withIds(o as Record<string, unknown>, 100 + i));
    writeFileSync(
      scoped,
      JSON.stringify({
        apiVersion: 'shipshape.dev/v1',
        kind: 'Snapshot',
        metadata: { context: 'kind-e2e', kindsRead: KINDS, takenAt: now },
        items: [...objects, ...extra],
      }),
    );
    const all = JSON.parse(
      shipshape(['hygiene', '--snapshot', scoped, '-o', 'json', '--fail-on', 'none']).stdout,
    );
    const allFound = all.findings.map(
      (f: { check: string; object: { name: string } }) => `${f.check} ${f.object.name}`,
    );
    assert.ok(allFound.includes('namespace-empty other'), allFound.join(', '));
    assert.ok(!allFound.includes('role-unused team-reader'), 'bound from another namespace');
    const run = shipshape(['hygiene', '--snapshot', scoped, '-n', 'shop', '-o', 'json', '--fail-on', 'none']);
    const report = JSON.parse(run.stdout);
    const found = report.findings
      .map((f: { check: string; object: { name: string } }) => `${f.check} ${f.object.name}`)
      .sort();
    assert.deepEqual(found, ['configmap-unused stale', 'role-unused old', 'service-unused gone-app']);
    assert.ok(
      report.errors.some((e: { message: string }) =>
        /-n shop: \d+ finding\(s\) about cluster-scoped objects/.test(e.message),
      ),
    );
  });
  it('rejects an unknown --profile', () => {
    const run = shipshape(['hygiene', '--snapshot', snapshot, '--profile', 'mainframe']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /unknown --profile "mainframe"/);
  });
});

describe('apply-plan refusals (nothing is contacted or deleted)', () => {
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: 'https://127.0.0.1:1'}\ncontexts:\n- name: prod\n  context: {cluster: c, user: u}\ncurrent-context: prod\nusers:\n- name: u\n  user: {token: x}\n`,
  );
  it('refuses a plan made on another context', () => {
    const run = shipshape(['apply-plan', join(dir, 'plan.yaml'), '--kubeconfig', kubeconfig, '--yes']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /made on context "kind-e2e".*current one is "prod".*nothing was deleted/s);
  });
  it('refuses a hand-edited invalid plan with every problem listed', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      readFileSync(join(dir, 'plan.yaml'), 'utf8')
        .replace('kind: Role\n', 'kind: Namespace\n')
        .replace(/uid: uid-4/, 'uid: ""'),
    );
    const run = shipshape(['apply-plan', bad, '--kubeconfig', kubeconfig, '--yes']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /the plan is invalid, nothing was done/);
    assert.match(run.stderr, /kind "Namespace" is not one a clean-up plan may delete/);
    assert.match(run.stderr, /uid must be a non-empty string/);
  });
});

describe('scan --snapshot', () => {
  it('prints one report with diagnose, hygiene and upgrade findings and the verdict', () => {
    const run = shipshape([
      'scan',
      '--snapshot',
      snapshot,
      '--to',
      '1.34',
      '-o',
      'json',
      '--fail-on',
      'none',
    ]);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.command, 'scan');
    const checks = new Set(report.findings.map((f: { check: string }) => f.check));
    assert.ok(checks.has('configmap-unused') && checks.has('service-unused'), [...checks].join(','));
    assert.ok(checks.has('service-no-endpoints'), 'diagnose ran');
    assert.ok(report.upgrade?.verdict, 'upgrade verdict');
    const fingerprints = report.findings.map((f: { fingerprint: string }) => f.fingerprint);
    assert.equal(new Set(fingerprints).size, fingerprints.length, 'no finding twice');
  });
});
