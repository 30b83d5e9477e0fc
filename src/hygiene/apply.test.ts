import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ApiResponse } from './api.ts';
import { type ApplyOptions, applyPlan, itemKey, RefusedError, restoreBackup } from './apply.ts';
import { FakeApi } from './fake-api.ts';
import { type CleanupPlan, PlanError, type PlanItem, parsePlan, renderPlan } from './plan.ts';
import { itemDigest } from './plan-digest.ts';

const CM = '/api/v1/namespaces/shop/configmaps';
const RB = '/apis/rbac.authorization.k8s.io/v1/namespaces/shop/rolebindings';
const ROLE = '/apis/rbac.authorization.k8s.io/v1/namespaces/shop/roles';

function cluster(): FakeApi {
  const api = new FakeApi();
  api.put(CM, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'old',
      namespace: 'shop',
      uid: 'u-cm',
      resourceVersion: '10',
      managedFields: [{ manager: 'kubectl' }],
    },
    data: { a: '1' },
  });
  api.put(ROLE, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'reader', namespace: 'shop', uid: 'u-role', resourceVersion: '11' },
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
  });
  api.put(RB, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'reader', namespace: 'shop', uid: 'u-rb', resourceVersion: '12' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
    subjects: [],
  });
  return api;
}

/** A plan as hygiene --plan writes it: every item carries its digest. */
function plan(overrides: Partial<CleanupPlan['metadata']> = {}, namespace = 'shop'): CleanupPlan {
  const unsigned = unsignedPlan(overrides, namespace);
  return { ...unsigned, items: unsigned.items.map((i) => sign(unsigned, i)) };
}

function sign(p: CleanupPlan, item: PlanItem): PlanItem {
  const { digest: _, ...fields } = item;
  return { ...fields, digest: itemDigest(p.metadata, fields) };
}

function unsignedPlan(overrides: Partial<CleanupPlan['metadata']>, namespace: string): CleanupPlan {
  const item = (kind: string, apiVersion: string, name: string, uid: string, rv: string, check: string) => ({
    kind,
    apiVersion,
    namespace,
    name,
    uid,
    resourceVersion: rv,
    check,
    why: `${kind} ${name} is unused`,
  });
  return {
    apiVersion: 'shipshape.dev/v1',
    kind: 'CleanupPlan',
    metadata: {
      createdAt: '2026-11-28T00:00:00Z',
      context: 'test',
      server: 'https://127.0.0.1:6443',
      source: 'cluster',
      ...overrides,
    },
    items: [
      item('ConfigMap', 'v1', 'old', 'u-cm', '10', 'configmap-unused'),
      item('Role', 'rbac.authorization.k8s.io/v1', 'reader', 'u-role', '11', 'role-unused'),
      item('RoleBinding', 'rbac.authorization.k8s.io/v1', 'reader', 'u-rb', '12', 'rolebinding-unused'),
    ],
  };
}

/** Every item is still a finding of its check unless `notFindings` names it. */
const options = (yes: boolean, notFindings: string[] = []): ApplyOptions => ({
  yes,
  backupRoot: mkdtempSync(join(tmpdir(), 'shipshape-apply-')),
  now: new Date('2026-11-28T10:00:00Z'),
  out: () => {},
  recheck: async (items) =>
    new Map(items.map((i) => [itemKey(i), notFindings.includes(i.name) ? 'in use now' : undefined])),
  restoreCommand: (folder) => `shipshape apply-plan --restore ${folder} --context test`,
});

describe('apply-plan', () => {
  it('backs up, dry-runs, deletes bindings before roles before ConfigMaps, logs, and restores what it deleted', async () => {
    const api = cluster();
    const before = structuredClone([...api.objects.entries()]);
    const result = await applyPlan(plan(), api, options(true));
    assert.equal(result.exitCode, 0);
    assert.deepEqual(result.deleted, ['RoleBinding shop/reader', 'Role shop/reader', 'ConfigMap shop/old']);
    assert.equal(api.objects.size, 0);
    const deletes = api.calls.filter((c) => c.startsWith('DELETE'));
    assert.ok(
      deletes.slice(0, 3).every((c) => c.includes('dryRun=All')),
      'dry run comes first',
    );
    assert.ok(readdirSync(join(result.backupDir!, 'objects')).length === 3);
    // Backups hold Secrets: a private folder, private files.
    const mode = (p: string) => statSync(p).mode & 0o777;
    assert.equal(mode(result.backupDir!), 0o700);
    assert.equal(mode(join(result.backupDir!, 'objects')), 0o700);
    for (const f of ['plan.yaml', 'apply-log.jsonl'])
      assert.equal(mode(join(result.backupDir!, f)), 0o600, f);
    for (const f of readdirSync(join(result.backupDir!, 'objects')))
      assert.equal(mode(join(result.backupDir!, 'objects', f)), 0o600, f);
    const log = readFileSync(join(result.backupDir!, 'apply-log.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).step);
    assert.deepEqual(log, [
      'start',
      'backup',
      'backup',
      'backup',
      'dry-run',
      'dry-run',
      'dry-run',
      'delete',
      'delete',
      'delete',
      'end',
    ]);
    const restored = await restoreBackup(result.backupDir!, api, () => {});
    assert.equal(restored.exitCode, 0);
    assert.deepEqual(restored.deleted, ['ConfigMap shop/old', 'Role shop/reader', 'RoleBinding shop/reader']);
    for (const [key, original] of before) {
      const now = api.objects.get(key)!;
      const { metadata: m1, ...rest1 } = original;
      const { metadata: m2, ...rest2 } = now;
      assert.deepEqual(rest2, rest1, `${key} content`);
      assert.equal((m2 as { name: string }).name, (m1 as { name: string }).name);
      assert.equal((m2 as { managedFields?: unknown }).managedFields, undefined);
    }
  });
  it('refuses another cluster, deletes nothing without a TTY and without --yes, and refuses changed objects', async () => {
    const api = cluster();
    await assert.rejects(applyPlan(plan({ server: 'https://prod:6443' }), api, options(true)), RefusedError);
    await assert.rejects(applyPlan(plan({ context: 'prod' }), api, options(true)), RefusedError);
    await assert.rejects(applyPlan(plan(), api, options(false)), /no terminal to confirm/);
    assert.equal(api.objects.size, 3);
    assert.equal(api.calls.filter((c) => c.startsWith('DELETE') && !c.includes('dryRun')).length, 0);
    // The Role was re-created (new uid) and the ConfigMap modified since the plan: only the binding goes.
    (api.objects.get(`${ROLE}/reader`)!.metadata as { uid: string }).uid = 'u-new';
    (api.objects.get(`${CM}/old`)!.metadata as { resourceVersion: string }).resourceVersion = '99';
    const result = await applyPlan(plan(), api, options(true));
    assert.deepEqual(result.deleted, ['RoleBinding shop/reader']);
    assert.equal(result.refused.length, 2);
    assert.equal(result.exitCode, 1);
    assert.ok(api.objects.has(`${ROLE}/reader`) && api.objects.has(`${CM}/old`));
  });
  it('asks, and does nothing when the answer is not yes', async () => {
    const api = cluster();
    let asked = '';
    const result = await applyPlan(plan(), api, {
      ...options(false),
      confirm: async (q) => {
        asked = q;
        return false;
      },
    });
    assert.match(asked, /delete these 3 object\(s\) from context "test"/);
    assert.deepEqual(result.deleted, []);
    assert.equal(api.objects.size, 3);
  });
});

describe('apply-plan integrity', () => {
  it('refuses a plan whose items were edited or added by hand; removing items is fine', async () => {
    const api = cluster();
    const edited = plan();
    edited.items[0]!.name = 'someone-else';
    await assert.rejects(
      applyPlan(edited, api, options(true)),
      /do not match the digests.*\n.*items\[0\] ConfigMap shop\/someone-else: does not match its digest/s,
    );
    const added = plan();
    added.items.push({ ...unsignedPlan({}, 'shop').items[0]!, name: 'added' });
    await assert.rejects(
      applyPlan(added, api, options(true)),
      /items\[3\] ConfigMap shop\/added: has no digest/,
    );
    assert.equal(api.calls.length, 0, 'nothing was read or sent');
    const reviewed = plan();
    reviewed.items.splice(1, 1);
    const result = await applyPlan(reviewed, api, options(true));
    assert.deepEqual(result.deleted, ['RoleBinding shop/reader', 'ConfigMap shop/old']);
  });

  it('deletes only what is still a finding of the check that planned it', async () => {
    const api = cluster();
    const result = await applyPlan(plan(), api, options(true, ['old']));
    assert.deepEqual(result.deleted, ['RoleBinding shop/reader', 'Role shop/reader']);
    assert.deepEqual(result.refused, [
      'ConfigMap shop/old: no longer a finding of configmap-unused (in use now)',
    ]);
    assert.equal(result.exitCode, 1);
  });

  it('never deletes system objects or volumes without their own flag', async () => {
    const api = new FakeApi();
    api.put('/api/v1/namespaces/kube-system/configmaps', {
      kind: 'ConfigMap',
      metadata: { name: 'old', namespace: 'kube-system', uid: 'u-cm', resourceVersion: '10' },
    });
    const system = plan({}, 'kube-system');
    system.items = system.items.slice(0, 1);
    const refused = await applyPlan(system, api, options(true));
    assert.deepEqual(refused.refused, [
      'ConfigMap kube-system/old: it is in kube-system; pass --allow-system-objects to delete it',
    ]);
    assert.equal(api.objects.size, 1);
    const allowed = await applyPlan(system, api, { ...options(true), allowSystemObjects: true });
    assert.deepEqual(allowed.deleted, ['ConfigMap kube-system/old']);

    api.put('/api/v1/persistentvolumes', {
      kind: 'PersistentVolume',
      metadata: { name: 'pv-1', uid: 'u-pv', resourceVersion: '5' },
      status: { phase: 'Released' },
    });
    const pv = plan();
    pv.items = [
      sign(pv, {
        kind: 'PersistentVolume',
        apiVersion: 'v1',
        name: 'pv-1',
        uid: 'u-pv',
        resourceVersion: '5',
        check: 'pv-released',
        why: 'released',
      }),
    ];
    const kept = await applyPlan(pv, api, options(true));
    assert.match(
      kept.refused[0]!,
      /PersistentVolume pv-1: a PersistentVolume \(Released\) holds data .*--allow-volume-deletion/,
    );
    const gone = await applyPlan(pv, api, { ...options(true), allowVolumeDeletion: true });
    assert.deepEqual(gone.deleted, ['PersistentVolume pv-1']);
  });

  it('a connection lost mid-DELETE stops, closes the log, prints the restore command; restore brings back what went', async () => {
    const api = cluster();
    let deletes = 0;
    const request = api.request.bind(api);
    api.request = async (method, path, body): Promise<ApiResponse> => {
      const answer = await request(method, path, body);
      // The second real DELETE reaches the server, but its answer is lost.
      if (method === 'DELETE' && !path.includes('dryRun') && ++deletes === 2)
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      return answer;
    };
    const lines: string[] = [];
    const result = await applyPlan(plan(), api, { ...options(true), out: (l) => lines.push(l) });
    assert.equal(result.exitCode, 2);
    assert.deepEqual(result.deleted, ['RoleBinding shop/reader']);
    assert.ok(api.objects.has(`${CM}/old`), 'nothing after the lost answer was sent');
    const text = lines.join('\n');
    assert.match(
      text,
      /stopped: lost the connection to https:\/\/127\.0\.0\.1:6443 during the delete of Role shop\/reader/,
    );
    assert.match(
      text,
      /Role shop\/reader may or may not have been deleted; 1 other object\(s\) were deleted/,
    );
    assert.match(
      text,
      new RegExp(`restore what was deleted with: shipshape apply-plan --restore ${result.backupDir}`),
    );
    const log = readFileSync(join(result.backupDir!, 'apply-log.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(log.at(-1).step, 'end');
    assert.match(log.at(-1).aborted, /connection lost: the connection was reset/);
    const restored = await restoreBackup(result.backupDir!, api, () => {});
    assert.equal(restored.exitCode, 0, restored.refused.join('; '));
    assert.deepEqual(restored.deleted, ['Role shop/reader', 'RoleBinding shop/reader']);
    assert.equal(api.objects.size, 3);
  });
});

describe('plan files', () => {
  it('round-trips through YAML', () => {
    assert.deepEqual(parsePlan(renderPlan(plan())), plan());
  });
  it('refuses hand edits that make it invalid, listing every problem', () => {
    const cases: [string, RegExp][] = [
      ['not: [yaml', /not valid YAML/],
      ['- a list', /not a YAML mapping/],
      [
        renderPlan(plan()).replace('kind: ConfigMap', 'kind: Namespace'),
        /kind "Namespace" is not one a clean-up plan may delete/,
      ],
      [
        renderPlan(plan()).replace('uid: u-cm', 'uid: ""'),
        /items\[2\]\.uid must be a non-empty string|items\[\d\]\.uid/,
      ],
      [
        renderPlan(plan()).replace('check: configmap-unused', 'check: made-up'),
        /check "made-up" does not produce clean-up items/,
      ],
      [
        renderPlan(plan()).replace('    namespace: shop\n    name: old', '    name: old'),
        /ConfigMap is namespaced/,
      ],
      [renderPlan(plan()).replace('items:', 'extra: 1\nitems:'), /unknown top-level field "extra"/],
      [renderPlan({ ...plan(), items: [...plan().items, plan().items[0]!] }), /listed twice/],
    ];
    for (const [text, pattern] of cases)
      assert.throws(
        () => parsePlan(text),
        (e: Error) => e instanceof PlanError && pattern.test(e.message),
        String(pattern),
      );
  });
});
