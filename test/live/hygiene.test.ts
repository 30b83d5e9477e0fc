// Live: hygiene --plan → apply-plan → apply-plan --restore on the real control plane of the test bed
// (testbed/README.md). Skips, saying why, when the test bed is not up.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import type { Report } from '../../src/core/report.ts';
import { parsePlan } from '../../src/hygiene/plan.ts';
import {
  apply,
  createTestNamespace,
  deleteNamespace,
  getJson,
  kubectl,
  testbedKubeconfig,
  testbedSkipReason,
} from '../../testbed/scenarios.ts';
import { runCliSync } from '../support/cli.ts';

const skip = await testbedSkipReason();

/** `shipshape hygiene --plan` over the test namespace, as JSON. */
function writePlan(ns: string, planFile: string) {
  return runCliSync([
    'hygiene',
    '--kubeconfig',
    testbedKubeconfig(),
    '-n',
    ns,
    '--plan',
    planFile,
    '-o',
    'json',
    '--fail-on',
    'none',
    '--no-progress',
  ]);
}

/** What must come back byte-identical: everything but the server-set metadata and status. */
function content(o: Record<string, unknown>): string {
  const { metadata, status: _status, ...rest } = o as { metadata: Record<string, unknown>; status?: unknown };
  return JSON.stringify({
    ...rest,
    labels: metadata.labels ?? null,
    annotations: metadata.annotations ?? null,
  });
}

describe('live: hygiene plan → apply-plan → restore', { skip }, () => {
  let ns = '';
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-live-hygiene-'));
  before(async () => {
    ns = await createTestNamespace('hyg');
    await apply([
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'stale-settings', namespace: ns, labels: { team: 'a' } },
        data: { 'app.yaml': 'x: 1\n' },
      },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'old-token', namespace: ns },
        type: 'Opaque',
        stringData: { token: 'abc' },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'gone-app', namespace: ns },
        spec: { selector: { app: 'gone' }, ports: [{ port: 80, targetPort: 8080 }] },
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'old-reader', namespace: ns },
        rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
      },
    ]);
  });
  after(async () => {
    if (ns) await deleteNamespace(ns);
  });

  it('round-trips: every deleted object comes back with an identical spec', async () => {
    const planFile = join(dir, 'plan.yaml');
    const run = writePlan(ns, planFile);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as Report;
    const found = report.findings
      .filter((f) => f.object.namespace === ns)
      .map((f) => `${f.check} ${f.object.name}`)
      .sort();
    assert.deepEqual(found, [
      'configmap-unused stale-settings',
      'role-unused old-reader',
      'secret-unused old-token',
      'service-unused gone-app',
    ]);
    // Review the plan the way a person would: keep only this test's namespace.
    const plan = parsePlan(readFileSync(planFile, 'utf8'));
    plan.items = plan.items.filter((i) => i.namespace === ns);
    assert.equal(plan.items.length, 4);
    writeFileSync(planFile, stringify(plan));
    const paths: Record<string, string> = {
      ConfigMap: `configmap/stale-settings`,
      Secret: `secret/old-token`,
      Service: `service/gone-app`,
      Role: `role.rbac.authorization.k8s.io/old-reader`,
    };
    const before = Object.fromEntries(
      await Promise.all(
        Object.entries(paths).map(async ([k, p]) => [k, await getJson(['-n', ns, 'get', p])]),
      ),
    );
    const backups = join(dir, 'backups');
    const applied = runCliSync([
      'apply-plan',
      planFile,
      '--kubeconfig',
      testbedKubeconfig(),
      '--yes',
      '--backup-dir',
      backups,
    ]);
    assert.equal(applied.status, 0, applied.stdout + applied.stderr);
    assert.match(applied.stdout, /dry-run ok/);
    assert.match(applied.stdout, /deleted 4 object\(s\)/);
    const left = await getJson(['-n', ns, 'get', 'configmap,secret,service,role', '-o', 'json']);
    assert.deepEqual(
      (left.items as { kind: string; metadata: { name: string } }[]).filter((o) =>
        Object.values(paths).some((p) => p.endsWith(`/${o.metadata.name}`)),
      ),
      [],
    );
    const [stamp] = readdirSync(backups);
    const restored = runCliSync([
      'apply-plan',
      '--restore',
      join(backups, stamp!),
      '--kubeconfig',
      testbedKubeconfig(),
    ]);
    assert.equal(restored.status, 0, restored.stdout + restored.stderr);
    for (const [kind, p] of Object.entries(paths)) {
      const now = await getJson(['-n', ns, 'get', p]);
      assert.equal(content(now), content(before[kind]), `${kind} restored identically`);
      assert.notEqual(now.metadata.uid, before[kind].metadata.uid, `${kind} is a new object`);
    }
    // The log says what happened, step by step.
    const log = readFileSync(join(backups, stamp!, 'apply-log.jsonl'), 'utf8');
    assert.equal(
      log
        .trim()
        .split('\n')
        .filter((l) => JSON.parse(l).step === 'delete').length,
      4,
    );
  });

  it('refuses, without deleting, a plan whose object was re-created since', async () => {
    const planFile = join(dir, 'plan2.yaml');
    const run = writePlan(ns, planFile);
    assert.equal(run.status, 0, run.stderr);
    const plan = parsePlan(readFileSync(planFile, 'utf8'));
    plan.items = plan.items.filter((i) => i.namespace === ns && i.kind === 'ConfigMap');
    writeFileSync(planFile, stringify(plan));
    await kubectl(['-n', ns, 'delete', 'configmap', 'stale-settings']);
    await apply([
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'stale-settings', namespace: ns },
        data: { new: 'yes' },
      },
    ]);
    const applied = runCliSync([
      'apply-plan',
      planFile,
      '--kubeconfig',
      testbedKubeconfig(),
      '--yes',
      '--backup-dir',
      join(dir, 'b2'),
    ]);
    assert.equal(applied.status, 1, applied.stdout + applied.stderr);
    assert.match(applied.stdout, /refused: ConfigMap .*stale-settings: its uid changed/);
    const still = await getJson(['-n', ns, 'get', 'configmap', 'stale-settings']);
    assert.equal(still.data.new, 'yes');
  });
});
