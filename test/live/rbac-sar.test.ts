// Live differential test: random RBAC estates written to the test bed's real kube-apiserver (and aggregated by its
// real controller-manager), then 10,000 random questions asked of both SubjectAccessReview and shipshape's
// evaluator. Every disagreement is listed. Two evaluations are compared: over the objects read back from the
// cluster (stored rules, live mode) and over the generated objects plus the cluster's bootstrap objects with
// aggregation computed by us (file mode). Skips, saying why, when the test bed is not up.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type KubeObject, type LoadedObject, refOf } from '../../src/core/object.ts';
import { allGrants, authorize } from '../../src/k8s/rbac/authorize.ts';
import { ruleKey } from '../../src/k8s/rbac/rule.ts';
import { RbacWorld } from '../../src/k8s/rbac/world.ts';
import { subjectAccessReview } from '../../src/rbac/live.ts';
import { ClusterClient } from '../../src/sources/cluster/client.ts';
import { apply, kubectl, testbedKubeconfig, testbedSkipReason } from '../../testbed/scenarios.ts';
import { type Estate, generateEstate, type Question, randomQuestion, rng } from '../support/rbac-estate.ts';

const skip = await testbedSkipReason();
// 10,000 in CI (the acceptance number); 2,000 on a shared developer machine, where every SAR waits its turn.
const QUESTIONS = Number(process.env.SHIPSHAPE_RBAC_QUESTIONS ?? (process.env.CI ? 10_000 : 2_000));
const SEEDS = [20261206, 4242];
const RBAC_KINDS = ['clusterroles', 'clusterrolebindings', 'roles', 'rolebindings'];

const loaded = (objects: KubeObject[]): LoadedObject[] =>
  objects.map((object) => ({ object, ref: refOf(object) }));

async function readRbac(): Promise<KubeObject[]> {
  const out: KubeObject[] = [];
  for (const kind of RBAC_KINDS) {
    const list = JSON.parse(await kubectl(['get', kind, '-A', '-o', 'json'], { timeoutMs: 120_000 })) as {
      items: KubeObject[];
    };
    const k = {
      clusterroles: 'ClusterRole',
      clusterrolebindings: 'ClusterRoleBinding',
      roles: 'Role',
      rolebindings: 'RoleBinding',
    }[kind]!;
    for (const item of list.items) out.push({ ...item, apiVersion: 'rbac.authorization.k8s.io/v1', kind: k });
  }
  return out;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function describeQuestion(q: Question): string {
  const who = `${q.user.name || '(no name)'} [${q.user.groups.join(',')}]`;
  const r = q.request;
  const what = r.resourceRequest
    ? `${r.verb} ${r.resource}${r.subresource ? `/${r.subresource}` : ''}${r.apiGroup ? `.${r.apiGroup}` : ''}${r.name ? ` "${r.name}"` : ''} ns="${r.namespace}"`
    : `${r.verb} ${r.path}`;
  return `${who} ${what}`;
}

describe('live: the RBAC evaluator equals SubjectAccessReview', { skip }, () => {
  let client: ClusterClient;
  const estates: { seed: number; prefix: string; estate: Estate }[] = [];

  before(async () => {
    client = await ClusterClient.connect({
      kubeconfig: testbedKubeconfig(),
      context: 'admin',
      timeoutMs: 30_000,
    });
    for (const seed of SEEDS) {
      const prefix = `sar${seed.toString(36)}-${process.pid.toString(36)}`;
      const estate = generateEstate(seed, prefix, {
        namespaces: 3,
        clusterRoles: 14,
        roles: 10,
        bindings: 40,
      });
      // Namespaces first: the API server refuses namespaced objects in a namespace that does not exist yet.
      await apply(estate.objects.filter((o) => o.kind === 'Namespace'));
      await apply(estate.objects.filter((o) => o.kind !== 'Namespace'));
      estates.push({ seed, prefix, estate });
    }
    // Barrier: a last binding; once the authorizer sees it, it has seen everything written before it.
    const barrier = `barrier-${process.pid.toString(36)}`;
    await apply([
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: barrier },
        rules: [{ verbs: [barrier], apiGroups: [''], resources: ['barriers'] }],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: barrier },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: barrier },
        subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: barrier }],
      },
    ]);
    const request = {
      resourceRequest: true as const,
      verb: barrier,
      namespace: '',
      apiGroup: '',
      resource: 'barriers',
      subresource: '',
      name: '',
    };
    for (let i = 0; ; i++) {
      if ((await subjectAccessReview(client, { name: barrier, groups: [] }, request)).allowed) break;
      if (i > 120) throw new Error('the authorizer never saw the barrier binding');
      await sleep(500);
    }
    // The aggregation controller works in the background: wait until every aggregated role holds what we compute.
    for (let i = 0; ; i++) {
      const objects = await readRbac();
      const computed = new RbacWorld(loaded(objects), { aggregation: 'compute' });
      const stored = new RbacWorld(loaded(objects), { aggregation: 'stored' });
      const behind = computed.roles.filter(
        (role) =>
          role.aggregation &&
          JSON.stringify(computed.rulesOf(role).map((x) => ruleKey(x.rule))) !==
            JSON.stringify(stored.rulesOf(stored.clusterRole(role.name)!).map((x) => ruleKey(x.rule))),
      );
      if (behind.length === 0) break;
      if (i > 60)
        throw new Error(`aggregation differs after 60 s for ${behind.map((r) => r.name).join(', ')}`);
      await sleep(1000);
    }
  });

  after(async () => {
    for (const { estate } of estates) {
      const cluster = estate.objects.filter(
        (o) => o.kind === 'ClusterRole' || o.kind === 'ClusterRoleBinding',
      );
      for (const o of cluster)
        await kubectl([
          'delete',
          o.kind.toLowerCase(),
          o.metadata.name ?? '',
          '--ignore-not-found',
          '--wait=false',
        ]).catch(() => {});
      for (const ns of estate.namespaces)
        await kubectl(['delete', 'namespace', ns, '--ignore-not-found', '--wait=false']).catch(() => {});
    }
    const barrier = `barrier-${process.pid.toString(36)}`;
    await kubectl(['delete', 'clusterrolebinding,clusterrole', barrier, '--ignore-not-found']).catch(
      () => {},
    );
  });

  it(`${QUESTIONS} random questions: every answer equals the API server's, in live and in file mode`, async () => {
    const objects = await readRbac();
    const live = new RbacWorld(loaded(objects), { aggregation: 'stored' });
    // File mode: what we generated, aggregation computed by us, plus what the cluster itself holds (bootstrap).
    const generated = new Set(
      estates.flatMap(({ estate }) =>
        estate.objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`),
      ),
    );
    const cluster = objects.filter(
      (o) => !generated.has(`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`),
    );
    const files = new RbacWorld(
      loaded([
        ...cluster.map(stripAggregatedRules),
        ...estates.flatMap(({ estate }) => estate.objects.filter((o) => o.kind !== 'Namespace')),
      ]),
      { aggregation: 'compute' },
    );
    const disagreements: string[] = [];
    let allowed = 0;
    const perEstate = Math.ceil(QUESTIONS / estates.length);
    const questions: Question[] = estates.flatMap(({ seed, estate }) => {
      const r = rng(seed ^ 0x5eed);
      return Array.from({ length: perEstate }, () => randomQuestion(r, estate));
    });
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < questions.length; i = next++) {
        const q = questions[i]!;
        const verdict = await subjectAccessReview(client, q.user, q.request);
        if (verdict.allowed) allowed++;
        for (const [mode, world] of [
          ['live', live],
          ['file', files],
        ] as const) {
          const ours = authorize(world, q.user, q.request);
          if (ours.allowed !== verdict.allowed) {
            disagreements.push(
              `${mode}: ${describeQuestion(q)}: API server ${verdict.allowed ? 'allows' : 'denies'} (${verdict.reason}), shipshape ${ours.allowed ? 'allows' : 'denies'}`,
            );
            continue;
          }
          // The API server names the first allowing binding; it must be one shipshape finds too.
          const named = /allowed by (ClusterRoleBinding|RoleBinding) "([^"/]+)/.exec(verdict.reason);
          if (
            named &&
            !allGrants(world, q.user, q.request).some(
              (g) => g.binding.kind === named[1] && g.binding.name === named[2],
            )
          )
            disagreements.push(
              `${mode}: ${describeQuestion(q)}: API server's reason "${verdict.reason}" is not among shipshape's grants`,
            );
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    console.log(
      `rbac differential: ${questions.length} questions, ${allowed} allowed by the API server, ${disagreements.length} disagreement(s)`,
    );
    assert.ok(
      allowed > questions.length * 0.1 && allowed < questions.length * 0.9,
      `a mix of answers (${allowed} allowed)`,
    );
    assert.deepEqual(disagreements.slice(0, 50), [], `${disagreements.length} disagreement(s)`);
  });
});

/** A bootstrap aggregated role read from the cluster, as it is written in files: without the controller's rules. */
function stripAggregatedRules(object: KubeObject): KubeObject {
  if (object.kind !== 'ClusterRole' || !object.aggregationRule) return object;
  return { ...object, rules: [] };
}
