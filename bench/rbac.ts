// `shipshape rbac` on a large synthetic RBAC snapshot (default 50,000 bindings and 5,000 roles over 500
// namespaces): who-can and can through the CLI as users run them (load included), and the evaluator alone
// (world build, one who-can, one can) in-process. Targets (issue #10): who-can < 2 s, can < 0.5 s.
// Peers: rbac-tool, kubectl-who-can, rakkess and rbac-lookup are not served by the Go module proxy (403), and
// all of them need a live cluster; so there is no side-by-side row (said in the output).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type KubeObject, refOf } from '../src/core/object.ts';
import { defaultsFor } from '../src/k8s/rbac/defaults/index.ts';
import { serviceAccountUser } from '../src/k8s/rbac/identity.ts';
import { whatCan } from '../src/k8s/rbac/what-can.ts';
import { whoCan } from '../src/k8s/rbac/who-can.ts';
import { RbacWorld } from '../src/k8s/rbac/world.ts';
import { rng } from '../test/support/rbac-estate.ts';
import { type CliMeasurement, measureCli, packageEntry } from './measure-cli.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', 'out');
const RBAC = 'rbac.authorization.k8s.io/v1';

export interface RbacBenchResult {
  bindings: number;
  roles: number;
  objects: number;
  whoCanCli: Usage;
  canCli: Usage;
  worldMs: number;
  whoCanMs: number;
  canMs: number;
  answers: { whoCan: number; can: number };
}

interface Usage {
  seconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
}

/** A cluster's RBAC at scale: the built-in objects, then teams' roles and bindings, deterministic. */
export function largeEstate(bindings: number, roles: number, namespaces = 500): KubeObject[] {
  const r = rng(10);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const objects: KubeObject[] = [];
  const defaults = defaultsFor('1.34');
  for (const role of defaults.roles)
    objects.push({
      apiVersion: RBAC,
      kind: role.kind,
      metadata: {
        name: role.name,
        ...(role.namespace ? { namespace: role.namespace } : {}),
        labels: { ...role.labels },
      },
      ...(role.aggregation ? { aggregationRule: { clusterRoleSelectors: role.aggregation } } : {}),
      rules: role.rules.map((x) => ({ ...x.rule })),
    });
  const ns = Array.from({ length: namespaces }, (_, i) => `team-${i}`);
  const resources = [
    'pods',
    'secrets',
    'configmaps',
    'deployments',
    'services',
    'jobs',
    'pods/log',
    'pods/exec',
    'widgets',
  ];
  const groups = ['', 'apps', 'batch', 'example.com'];
  const verbs = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
  const ruleOf = () => ({
    apiGroups: [pick(groups)],
    resources: [pick(resources), pick(resources)],
    verbs: [pick(verbs), pick(verbs), pick(verbs)],
    ...(r() < 0.1 ? { resourceNames: [`obj-${Math.floor(r() * 10)}`] } : {}),
  });
  const clusterRoles = Math.floor(roles / 2);
  for (let i = 0; i < clusterRoles; i++)
    objects.push({
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: {
        name: `cr-${i}`,
        ...(i % 50 === 0 ? { labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } } : {}),
      },
      rules: Array.from({ length: 3 }, ruleOf),
    });
  for (let i = 0; i < roles - clusterRoles; i++)
    objects.push({
      apiVersion: RBAC,
      kind: 'Role',
      metadata: { name: `role-${i}`, namespace: ns[i % namespaces]! },
      rules: Array.from({ length: 3 }, ruleOf),
    });
  const subject = (namespace: string) => {
    const k = r();
    if (k < 0.5) return { kind: 'ServiceAccount', name: `sa-${Math.floor(r() * 20)}`, namespace };
    if (k < 0.8)
      return { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: `user-${Math.floor(r() * 2000)}` };
    return { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: `group-${Math.floor(r() * 200)}` };
  };
  for (let i = 0; i < bindings; i++) {
    const namespace = pick(ns);
    if (i % 5 === 0)
      objects.push({
        apiVersion: RBAC,
        kind: 'ClusterRoleBinding',
        metadata: { name: `crb-${i}` },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: r() < 0.05 ? pick(['view', 'edit']) : `cr-${Math.floor(r() * clusterRoles)}`,
        },
        subjects: [subject(namespace), subject(namespace)],
      });
    else {
      const own = Math.floor(r() * (roles - clusterRoles));
      const toRole = r() < 0.5;
      objects.push({
        apiVersion: RBAC,
        kind: 'RoleBinding',
        metadata: { name: `rb-${i}`, namespace: toRole ? ns[own % namespaces]! : namespace },
        roleRef: toRole
          ? { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `role-${own}` }
          : {
              apiGroup: 'rbac.authorization.k8s.io',
              kind: 'ClusterRole',
              name: r() < 0.2 ? pick(['view', 'edit', 'admin']) : `cr-${Math.floor(r() * clusterRoles)}`,
            },
        subjects: [subject(namespace), subject(namespace)],
      });
    }
  }
  return objects;
}

export function benchRbac(bindings = 50_000, roles = 5_000, keep = false): RbacBenchResult {
  mkdirSync(OUT, { recursive: true });
  const objects = largeEstate(bindings, roles);
  const file = join(OUT, `rbac-${bindings}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'shipshape.dev/v1alpha1',
      kind: 'Snapshot',
      metadata: { kindsRead: ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'] },
      items: objects,
    }),
  );
  try {
    const json = ['-o', 'json'];
    // As users run it (the package's bundle): the source tree adds ~0.3 s of type stripping and module loading.
    const entry = packageEntry();
    const who = measureCli(
      'rbac-who-can',
      ['rbac', 'who-can', 'get', 'secrets', '--snapshot', file],
      json,
      entry,
    );
    const can = measureCli('rbac-can', ['rbac', 'can', 'sa:team-7/sa-3', '--snapshot', file], json, entry);
    // The evaluator alone, on the same objects (what the CLI adds on top is reading and parsing the snapshot).
    const loaded = objects.map((object) => ({ object, ref: refOf(object) }));
    let t = performance.now();
    const world = new RbacWorld(loaded, { aggregation: 'compute' });
    const worldMs = performance.now() - t;
    t = performance.now();
    const answer = whoCan(world, {
      kind: 'resource',
      verb: 'get',
      group: '',
      resource: 'secrets',
      subresource: '',
    });
    const whoCanMs = performance.now() - t;
    t = performance.now();
    const permissions = whatCan(world, serviceAccountUser('team-7', 'sa-3'));
    const canMs = performance.now() - t;
    const strip = ({ report: _r, ...usage }: CliMeasurement): Usage => usage;
    return {
      bindings,
      roles,
      objects: objects.length,
      whoCanCli: strip(who),
      canCli: strip(can),
      worldMs,
      whoCanMs,
      canMs,
      answers: { whoCan: answer.entries.length, can: permissions.permissions.length },
    };
  } finally {
    if (!keep) rmSync(file, { force: true });
  }
}

export function formatRbacBench(r: RbacBenchResult): string {
  const goal = (seconds: number, limit: number) =>
    seconds < limit ? `goal < ${limit} s: met` : `goal < ${limit} s: MISSED`;
  const row = (label: string, u: Usage, limit: number) =>
    `${label.padEnd(46)} ${u.seconds.toFixed(2).padStart(6)} s wall  ${u.cpuSeconds.toFixed(2).padStart(6)} s cpu  ${u.peakRssMiB.toFixed(0).padStart(5)} MiB  (${goal(u.seconds, limit)})`;
  return [
    `synthetic snapshot: ${r.bindings} bindings, ${r.roles} roles (+ the built-in ones), ${r.objects} objects`,
    row('shipshape rbac who-can get secrets --snapshot', r.whoCanCli, 2),
    row('shipshape rbac can sa:team-7/sa-3 --snapshot', r.canCli, 0.5),
    'goals are judged on wall time; on a shared machine the CPU time is what an idle core would take',
    `evaluator alone (CPU): world ${r.worldMs.toFixed(0)} ms, who-can ${r.whoCanMs.toFixed(1)} ms (${r.answers.whoCan} answers), can ${r.canMs.toFixed(1)} ms (${r.answers.can} permissions)`,
    'peers: rbac-tool, kubectl-who-can, rakkess, rbac-lookup are not served by the Go module proxy (403) and need a live cluster: no side-by-side row',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const n = (name: string, fallback: number) => {
    const i = args.indexOf(name);
    return i === -1 ? fallback : Number(args[i + 1]);
  };
  console.log(
    formatRbacBench(benchRbac(n('--bindings', 50_000), n('--roles', 5_000), args.includes('--keep'))),
  );
}
