// The API server's own RBAC objects (bootstrap policy) and served resources, per Kubernetes minor: recorded from a
// real kube-apiserver (scripts/record-rbac-defaults.ts), with the documented differences of other minors applied.
// Bindings to these roles are judged by what they really grant even when the input does not hold them.

import type { RbacBinding, RbacRole, RbacSubject, RoleRule } from '../objects.ts';
import type { PolicyRule } from '../rule.ts';
import type { RecordedBinding, RecordedDefaults, RecordedRole } from './types.ts';
import * as v1_34 from './v1-34.ts';

/** Minors recorded from a real API server. */
const RECORDED: Record<string, RecordedDefaults & { recordedFrom: string }> = { '1.34': v1_34 };
const NEWEST = '1.34';

export interface ApiResourceInfo {
  group: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  subresources: string[];
}

export interface Defaults {
  /** The minor asked for (or the newest recorded one). */
  version: string;
  /** What the data is: "recorded from kube-apiserver v1.34.4", plus the differences applied. */
  basis: string;
  roles: RbacRole[];
  bindings: RbacBinding[];
  resources: ApiResourceInfo[];
}

/**
 * Differences from the recorded minor, newest first: each removes rules a role did not have before `since`.
 * Sources are the upstream pull requests that changed the bootstrap policy.
 */
const CHANGES: { since: string; role: string; dropGroup: string; source: string }[] = [
  // kubernetes PR #130738 (v1.33): edit and view gained resourceclaims and resourceclaimtemplates.
  {
    since: '1.33',
    role: 'system:aggregate-to-edit',
    dropGroup: 'resource.k8s.io',
    source: 'kubernetes#130738',
  },
  {
    since: '1.33',
    role: 'system:aggregate-to-view',
    dropGroup: 'resource.k8s.io',
    source: 'kubernetes#130738',
  },
];

const cache = new Map<string, Defaults>();

/** The defaults of a minor ("1.33"); undefined → the newest recorded. Minors newer than recorded use the newest. */
export function defaultsFor(kubeVersion?: string): Defaults {
  const version = kubeVersion ?? NEWEST;
  const cached = cache.get(version);
  if (cached) return cached;
  const basisVersion = RECORDED[version] ? version : NEWEST;
  const recorded = RECORDED[basisVersion]!;
  const applied = CHANGES.filter(
    (c) => compareMinor(version, c.since) < 0 && compareMinor(basisVersion, c.since) >= 0,
  );
  const notes = [...new Set(applied.map((c) => c.source))];
  const roles = [
    ...recorded.clusterRoles.map((r) => toRole(r, 'ClusterRole', applied)),
    ...recorded.roles.map((r) => toRole(r, 'Role', applied)),
  ];
  const bindings = [
    ...recorded.clusterRoleBindings.map((b, i) => toBinding(b, 'ClusterRoleBinding', i)),
    ...recorded.roleBindings.map((b, i) =>
      toBinding(b, 'RoleBinding', recorded.clusterRoleBindings.length + i),
    ),
  ];
  let basis = `recorded from ${recorded.recordedFrom}`;
  if (notes.length > 0) basis += `, with the changes before ${version} undone (${notes.join(', ')})`;
  else if (basisVersion !== version)
    basis += ` (no recording for ${version}; the newest recorded minor is used)`;
  const defaults: Defaults = {
    version,
    basis,
    roles,
    bindings,
    resources: recorded.apiResources.map(toResource),
  };
  cache.set(version, defaults);
  return defaults;
}

export function compareMinor(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am - bm || an - bn;
}

const list = (field: string | undefined): string[] =>
  field === undefined || field === '' ? [] : field.split(',').map((v) => (v === "''" ? '' : v));

export function parseRuleText(text: string): PolicyRule {
  const [verbs, groups, resources, names, urls] = text.split('|');
  return {
    verbs: list(verbs),
    apiGroups: list(groups),
    resources: list(resources),
    resourceNames: list(names),
    nonResourceURLs: list(urls),
  };
}

function toRole(recorded: RecordedRole, kind: 'Role' | 'ClusterRole', changes: typeof CHANGES): RbacRole {
  const rules: RoleRule[] = [];
  const role: RbacRole = {
    kind,
    ...(recorded.namespace ? { namespace: recorded.namespace } : {}),
    name: recorded.name,
    labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', ...(recorded.labels ?? {}) },
    rules,
    ...(recorded.aggregate ? { aggregation: recorded.aggregate } : {}),
    builtIn: true,
  };
  const dropped = changes.filter((c) => c.role === recorded.name).map((c) => c.dropGroup);
  recorded.rules.forEach((text, index) => {
    const rule = parseRuleText(text);
    if (rule.apiGroups.some((g) => dropped.includes(g))) return;
    rules.push({ rule, role, index });
  });
  return role;
}

function toSubject(text: string, index: number): RbacSubject {
  const colon = text.indexOf(':');
  const kind = text.slice(0, colon);
  const rest = text.slice(colon + 1);
  if (kind === 'ServiceAccount') {
    const [namespace, name] = rest.split('/') as [string, string];
    return { kind, name, namespace, index };
  }
  return { kind, name: rest, index };
}

function toBinding(
  recorded: RecordedBinding,
  kind: 'RoleBinding' | 'ClusterRoleBinding',
  order: number,
): RbacBinding {
  const colon = recorded.role.indexOf(':');
  return {
    kind,
    ...(recorded.namespace ? { namespace: recorded.namespace } : {}),
    name: recorded.name,
    roleRef: { kind: recorded.role.slice(0, colon), name: recorded.role.slice(colon + 1) },
    subjects: recorded.subjects.map(toSubject),
    builtIn: true,
    order,
  };
}

function toResource(text: string): ApiResourceInfo {
  const [group = '', resource = '', kind = '', scope = '', short = '', subs = ''] = text.split('|');
  return {
    group: group === "''" ? '' : group,
    resource,
    kind,
    namespaced: scope === 'ns',
    shortNames: short ? short.split(',') : [],
    subresources: subs ? subs.split(',') : [],
  };
}

/** Names of the bootstrap-policy ClusterRoles of a minor (e.g. to tell a built-in role from a look-alike). */
export function isBuiltInClusterRoleName(name: string, kubeVersion?: string): boolean {
  return defaultsFor(kubeVersion).roles.some((r) => r.kind === 'ClusterRole' && r.name === name);
}
