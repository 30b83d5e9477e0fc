// A seeded random RBAC estate and random questions about it, drawn from an edge-heavy vocabulary (docs/research
// rbac.md §6.3): core/"core"/"*"/CRD groups, subresources and */x patterns, literal pods/* and */*, resourceNames
// with "", wildcards, special and mis-cased verbs, URL prefixes, aggregation with matchLabels, matchExpressions and
// chains, every subject form (SAs with and without namespace, cross-namespace, as a User, implicit groups),
// dangling role references. Only objects the API server accepts. Used by the live differential test and the bench.
import type { KubeObject } from '../../src/core/object.ts';
import { serviceAccountUser, type UserInfo } from '../../src/k8s/rbac/identity.ts';
import type { RequestAttributes } from '../../src/k8s/rbac/rule.ts';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const some = <T>(r: () => number, list: readonly T[], max: number): T[] => {
  const n = 1 + Math.floor(r() * max);
  return [...new Set(Array.from({ length: n }, () => pick(r, list)))];
};

export const GROUPS = ['', '', 'apps', '*', 'example.com', 'core', 'rbac.authorization.k8s.io'];
export const RESOURCES = [
  'pods',
  'pods/exec',
  'pods/log',
  '*/status',
  '*/scale',
  'pods/*',
  '*/*',
  '*',
  'secrets',
  'nodes',
  'nodes/proxy',
  'namespaces',
  'deployments',
  'deployments/scale',
  'widgets',
  'roles',
  'serviceaccounts',
];
export const VERBS = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  '*',
  'bind',
  'escalate',
  'impersonate',
  'use',
  'Get',
];
export const NAMES: string[][] = [[], [], ['a'], ['a', 'b'], [''], ['x/*']];
export const URLS = ['*', '/healthz', '/healthz/*', '/api*', '/metrics', '/logs/'];

export interface Estate {
  objects: KubeObject[];
  namespaces: string[];
  users: string[];
  groups: string[];
  serviceAccounts: [string, string][];
}

export interface EstateSize {
  namespaces: number;
  clusterRoles: number;
  roles: number;
  bindings: number;
  /** Rules per role, at most. */
  rules?: number;
}

const RBAC = 'rbac.authorization.k8s.io/v1';

function resourceRule(r: () => number): Record<string, unknown> {
  const rule: Record<string, unknown> = {
    verbs: some(r, VERBS, 3),
    apiGroups: some(r, GROUPS, 2),
    resources: some(r, RESOURCES, 3),
  };
  const names = pick(r, NAMES);
  if (names.length > 0) rule.resourceNames = names;
  return rule;
}

function urlRule(r: () => number): Record<string, unknown> {
  return { verbs: some(r, ['get', 'post', '*', 'Get'], 2), nonResourceURLs: some(r, URLS, 2) };
}

export function generateEstate(seed: number, prefix: string, size: EstateSize): Estate {
  const r = rng(seed);
  const maxRules = size.rules ?? 3;
  const namespaces = Array.from({ length: size.namespaces }, (_, i) => `${prefix}-ns${i}`);
  const users = ['u0', 'u1', 'u2', `system:serviceaccount:${namespaces[0]}:sa0`].map((u) =>
    u.startsWith('system:') ? u : `${prefix}-${u}`,
  );
  const groups = [
    `${prefix}-g0`,
    `${prefix}-g1`,
    'system:authenticated',
    'system:serviceaccounts',
    `system:serviceaccounts:${namespaces[1] ?? namespaces[0]}`,
    'system:unauthenticated',
  ];
  const serviceAccounts: [string, string][] = namespaces.flatMap((ns) => [
    [ns, 'sa0'],
    [ns, 'sa1'],
    [ns, 'default'],
  ]);
  const labelKey = `${prefix}.shipshape.dev/agg`;
  const objects: KubeObject[] = namespaces.map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name },
  }));
  const clusterRoleNames: string[] = [];
  for (let i = 0; i < size.clusterRoles; i++) {
    const name = `${prefix}-cr${i}`;
    clusterRoleNames.push(name);
    const labels: Record<string, string> = {};
    if (r() < 0.5) labels[labelKey] = pick(r, ['a', 'b', 'c']);
    const role: KubeObject = { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name, labels } };
    const kind = r();
    if (kind < 0.12) {
      // Aggregated: a chain when it carries a label itself.
      role.aggregationRule = {
        clusterRoleSelectors:
          r() < 0.5
            ? [{ matchLabels: { [labelKey]: pick(r, ['a', 'b']) } }]
            : [
                {
                  matchExpressions: [{ key: labelKey, operator: 'In', values: some(r, ['a', 'b', 'c'], 2) }],
                },
              ],
      };
    } else {
      const rules = Array.from({ length: 1 + Math.floor(r() * maxRules) }, () =>
        r() < 0.15 ? urlRule(r) : resourceRule(r),
      );
      role.rules = rules;
    }
    objects.push(role);
  }
  const roleNames: [string, string][] = [];
  for (let i = 0; i < size.roles; i++) {
    const ns = pick(r, namespaces);
    const name = `${prefix}-role${i % Math.max(1, Math.floor(size.roles / 2))}`;
    if (roleNames.some(([n, m]) => n === ns && m === name)) continue;
    roleNames.push([ns, name]);
    objects.push({
      apiVersion: RBAC,
      kind: 'Role',
      metadata: { name, namespace: ns },
      rules: Array.from({ length: 1 + Math.floor(r() * maxRules) }, () => resourceRule(r)),
    });
  }
  const subject = (namespaced: boolean): Record<string, unknown> => {
    const k = r();
    if (k < 0.3) {
      const [ns, name] = pick(r, serviceAccounts);
      if (namespaced && r() < 0.3) return { kind: 'ServiceAccount', name };
      return { kind: 'ServiceAccount', name, namespace: ns };
    }
    if (k < 0.6) return { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: pick(r, users) };
    return { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: pick(r, groups) };
  };
  const dedupe = (list: Record<string, unknown>[]) => {
    const seen = new Set<string>();
    return list.filter((s) => {
      const key = JSON.stringify(s);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };
  for (let i = 0; i < size.bindings; i++) {
    const cluster = r() < 0.35;
    const dangling = r() < 0.05;
    if (cluster) {
      objects.push({
        apiVersion: RBAC,
        kind: 'ClusterRoleBinding',
        metadata: { name: `${prefix}-crb${i}` },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: dangling ? `${prefix}-missing` : pick(r, clusterRoleNames),
        },
        subjects: dedupe(Array.from({ length: 1 + Math.floor(r() * 2) }, () => subject(false))),
      });
      continue;
    }
    const ns = pick(r, namespaces);
    const toRole = r() < 0.4;
    const own = roleNames.filter(([n]) => n === ns);
    const roleName = dangling
      ? `${prefix}-missing`
      : toRole && own.length > 0
        ? pick(r, own)[1]
        : pick(r, clusterRoleNames);
    objects.push({
      apiVersion: RBAC,
      kind: 'RoleBinding',
      metadata: { name: `${prefix}-rb${i}`, namespace: ns },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: toRole && (own.length > 0 || dangling) ? 'Role' : 'ClusterRole',
        name: roleName,
      },
      subjects: dedupe(Array.from({ length: 1 + Math.floor(r() * 2) }, () => subject(true))),
    });
  }
  return { objects, namespaces, users, groups, serviceAccounts };
}

export interface Question {
  user: UserInfo;
  request: RequestAttributes;
}

/** Half drawn from the estate's own tokens (so they hit), half from the wider vocabulary (so they miss). */
export function randomQuestion(r: () => number, estate: Estate): Question {
  const who = r();
  let user: UserInfo;
  if (who < 0.35) {
    const [ns, name] = pick(r, estate.serviceAccounts);
    user = serviceAccountUser(ns, name);
  } else if (who < 0.8) {
    const name = pick(r, estate.users);
    const groups = some(
      r,
      estate.groups.filter((g) => g !== 'system:unauthenticated'),
      2,
    );
    user = { name, groups: [...new Set([...groups, 'system:authenticated'])] };
  } else if (who < 0.9) user = { name: '', groups: [pick(r, estate.groups)] };
  else if (who < 0.97) user = { name: 'system:anonymous', groups: ['system:unauthenticated'] };
  else user = { name: 'root', groups: ['system:masters', 'system:authenticated'] };
  if (r() < 0.12)
    return {
      user,
      request: {
        resourceRequest: false,
        verb: pick(r, ['get', 'post', 'Get']),
        path: pick(r, ['/healthz', '/healthz/etcd', '/apis', '/api', '/metrics', '/logs/x', '/version']),
      },
    };
  const combined = pick(r, [
    ...RESOURCES.filter((x) => !x.startsWith('*')),
    'pods/status',
    'deployments/status',
    'widgets/scale',
    'configmaps',
  ]);
  const [resource, subresource = ''] = combined.split('/') as [string, string?];
  return {
    user,
    request: {
      resourceRequest: true,
      verb: pick(r, [...VERBS.filter((v) => v !== '*'), 'deletecollection']),
      namespace: pick(r, [...estate.namespaces, '', 'elsewhere']),
      apiGroup: pick(r, ['', 'apps', 'example.com', 'rbac.authorization.k8s.io', 'core']),
      resource,
      subresource,
      name: pick(r, ['', '', 'a', 'b', 'c', 'x/*']),
    },
  };
}
