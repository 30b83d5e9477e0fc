// RBAC rule semantics: what a Role/ClusterRole grants, what a binding binds.
// https://kubernetes.io/docs/reference/access-authn-authz/rbac/
import type { ObjectIndex } from '../core/index.ts';
import type { KubeObject, LoadedObject } from '../core/object.ts';
import type { Path } from '../core/path.ts';
import { type LabelSelector, matchesSelector } from './labels.ts';
import { asDict, asStringList } from './security-context.ts';

export interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
  path: Path;
}

export function rulesOf(object: KubeObject): Rule[] {
  const rules = object.rules;
  if (!Array.isArray(rules)) return [];
  const out: Rule[] = [];
  rules.forEach((raw, i) => {
    const rule = asDict(raw);
    if (!rule) return;
    out.push({
      apiGroups: asStringList(rule.apiGroups),
      resources: asStringList(rule.resources),
      verbs: asStringList(rule.verbs),
      resourceNames: asStringList(rule.resourceNames),
      nonResourceURLs: asStringList(rule.nonResourceURLs),
      path: ['rules', i],
    });
  });
  return out;
}

/** rbac.authorization APIGroupMatches. */
export function groupMatches(rule: Rule, group: string): boolean {
  return rule.apiGroups.some((g) => g === '*' || g === group);
}

/** rbac.authorization ResourceMatches: "*", "pods", "pods/exec", and "*\/exec" for any resource's subresource. */
export function resourceMatches(rule: Rule, resource: string): boolean {
  const slash = resource.indexOf('/');
  const sub = slash === -1 ? '' : resource.slice(slash + 1);
  return rule.resources.some((r) => r === '*' || r === resource || (sub !== '' && r === `*/${sub}`));
}

export function verbMatches(rule: Rule, verb: string): boolean {
  return rule.verbs.some((v) => v === '*' || v === verb);
}

/** The verbs of `verbs` the rule grants on group/resource (resource rules only). */
export function grantedVerbs(
  rule: Rule,
  group: string,
  resource: string,
  verbs: readonly string[],
): string[] {
  if (rule.resources.length === 0 || !groupMatches(rule, group) || !resourceMatches(rule, resource))
    return [];
  return verbs.filter((v) => verbMatches(rule, v));
}

/** Verbs that, granted on every resource of every group, amount to full control (Polaris' list). */
export const ALL_STANDARD_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] as const;

/** A rule on every resource of every API group with every verb: cluster-admin in all but name. */
export function isFullAccessRule(rule: Rule): boolean {
  if (!rule.apiGroups.includes('*') || !rule.resources.includes('*')) return false;
  return rule.verbs.includes('*') || ALL_STANDARD_VERBS.every((v) => rule.verbs.includes(v));
}

/** Names Kubernetes (or the platform) creates itself; user roles with these names are exempt by default. */
export function isSystemName(name: string, extra: readonly string[] = []): boolean {
  return name.startsWith('system:') || extra.includes(name);
}

export interface RoleRef {
  kind: 'Role' | 'ClusterRole';
  name: string;
}

export function roleRefOf(binding: KubeObject): RoleRef | undefined {
  const ref = asDict(binding.roleRef);
  if (!ref || typeof ref.name !== 'string' || ref.name === '') return undefined;
  if (ref.kind !== 'Role' && ref.kind !== 'ClusterRole') return undefined;
  // A ClusterRoleBinding can only reference a ClusterRole.
  if (binding.kind === 'ClusterRoleBinding' && ref.kind !== 'ClusterRole') return undefined;
  return { kind: ref.kind, name: ref.name };
}

/** ClusterRoles by name: they are cluster-scoped, so a stray metadata.namespace in a file is ignored. */
function clusterRolesByName(index: ObjectIndex): Map<string, LoadedObject> {
  return index.memo('rbac:cluster-roles-by-name', (ix) => {
    const map = new Map<string, LoadedObject>();
    for (const loaded of ix.ofKind('ClusterRole'))
      if (!map.has(loaded.ref.name)) map.set(loaded.ref.name, loaded);
    return map;
  });
}

/** The Role or ClusterRole a binding references, when it is in the set. */
export function resolveRoleRef(
  index: ObjectIndex,
  binding: LoadedObject,
  ref: RoleRef,
): LoadedObject | undefined {
  if (ref.kind === 'ClusterRole') return clusterRolesByName(index).get(ref.name);
  const ns = binding.ref.namespace;
  const found = index.get('Role', ns, ref.name, binding);
  if (found) return found;
  // An object without a namespace lands in "default" (kubectl apply), so treat the two as one.
  if (ns === undefined || ns === 'default')
    return index.get('Role', ns === undefined ? 'default' : undefined, ref.name, binding);
  return undefined;
}

/**
 * Rules a role carries, including, for an aggregated ClusterRole, the rules of every ClusterRole in the set
 * its aggregationRule selects (the aggregation controller fills them in; files only show what is in the set).
 */
export function effectiveRules(
  index: ObjectIndex,
  role: LoadedObject,
): { rules: Rule[]; from: LoadedObject }[] {
  const out = [{ rules: rulesOf(role.object), from: role }];
  if (role.object.kind !== 'ClusterRole') return out;
  const selectors = asDict(role.object.aggregationRule)?.clusterRoleSelectors;
  if (!Array.isArray(selectors)) return out;
  for (const other of index.ofKind('ClusterRole')) {
    if (other === role) continue;
    const labels = asDict(other.object.metadata?.labels) as Record<string, string> | undefined;
    if (!labels) continue;
    if (selectors.some((s) => asDict(s) && matchesSelector(s as LabelSelector, labels)))
      out.push({ rules: rulesOf(other.object), from: other });
  }
  return out;
}

export function isAggregated(role: KubeObject): boolean {
  const selectors = asDict(role.aggregationRule)?.clusterRoleSelectors;
  return Array.isArray(selectors) && selectors.length > 0;
}

export const ROLE_KINDS = ['Role', 'ClusterRole'] as const;
export const BINDING_KINDS = ['RoleBinding', 'ClusterRoleBinding'] as const;

/** `ClusterRole "x"` / `Role "ns/x"` for messages. */
export function describeRole(role: LoadedObject | RoleRef): string {
  if ('object' in role) return `${role.object.kind} "${role.ref.name}"`;
  return `${role.kind} "${role.name}"`;
}

/** A short list of subjects for messages: ServiceAccount ns/name, User name, Group name. */
export function describeSubjects(binding: KubeObject): string {
  const subjects = Array.isArray(binding.subjects) ? binding.subjects : [];
  const names = subjects
    .map((s) => asDict(s))
    .filter((s): s is Record<string, unknown> => !!s && typeof s.name === 'string')
    .map(
      (s) =>
        `${String(s.kind ?? 'subject')} ${s.namespace ? `${String(s.namespace)}/` : ''}${String(s.name)}`,
    );
  if (names.length === 0) return 'no subjects';
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

/**
 * What Kubernetes' default user-facing ClusterRoles grant, for bindings whose role is not in the set
 * (they exist in every cluster). https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles
 */
export const DEFAULT_CLUSTER_ROLES: Record<
  string,
  { exec: boolean; readSecrets: boolean; createPods: boolean }
> = {
  'cluster-admin': { exec: true, readSecrets: true, createPods: true },
  admin: { exec: true, readSecrets: true, createPods: true },
  edit: { exec: true, readSecrets: true, createPods: true },
  view: { exec: false, readSecrets: false, createPods: false },
};

export interface BindingTarget {
  ref: RoleRef;
  /** The role when it is in the set. */
  role?: LoadedObject;
  /** Its rules (aggregated ones included) when it is in the set. */
  sources: { rules: Rule[]; from: LoadedObject }[];
  /** A Kubernetes default ClusterRole not in the set. */
  builtIn?: (typeof DEFAULT_CLUSTER_ROLES)[string];
}

export function bindingTarget(index: ObjectIndex, binding: LoadedObject): BindingTarget | undefined {
  const ref = roleRefOf(binding.object);
  if (!ref) return undefined;
  const role = resolveRoleRef(index, binding, ref);
  if (role) return { ref, role, sources: effectiveRules(index, role) };
  const builtIn = ref.kind === 'ClusterRole' ? DEFAULT_CLUSTER_ROLES[ref.name] : undefined;
  return builtIn ? { ref, sources: [], builtIn } : { ref, sources: [] };
}

/** What every binding check starts from: the bound role, named for messages, and who it is given to. */
export interface BindingView {
  target: BindingTarget;
  /** 'ClusterRole "edit"' */
  role: string;
  subjects: string;
}

/** The binding's target and wording, or undefined for exempt bindings and bindings without a roleRef. */
export function bindingView(
  index: ObjectIndex,
  binding: LoadedObject,
  exemptBindings: readonly string[],
): BindingView | undefined {
  if (isSystemName(binding.ref.name, exemptBindings)) return undefined;
  const target = bindingTarget(index, binding);
  if (!target) return undefined;
  return {
    target,
    role: `${target.ref.kind} "${target.ref.name}"`,
    subjects: describeSubjects(binding.object),
  };
}

/** Binding names Kubernetes or the platform creates (system:…, the default cluster-admin binding, …). */
export const DEFAULT_EXEMPT_BINDINGS = ['cluster-admin', 'gce:podsecuritypolicy:calico-sa'];

/** get is enough for the WebSocket transport (kubectl ≥ 1.30) on clusters before 1.35; create always works. */
export const EXEC_VERBS = ['create', 'get'] as const;
export const EXEC_SUBRESOURCES = ['pods/exec', 'pods/attach'] as const;

/** The exec/attach subresources a rule grants, with the verbs. */
export function execGrants(rule: Rule): { resource: string; verbs: string[] }[] {
  const out: { resource: string; verbs: string[] }[] = [];
  for (const resource of EXEC_SUBRESOURCES) {
    const verbs = grantedVerbs(rule, '', resource, EXEC_VERBS);
    if (verbs.length > 0) out.push({ resource, verbs });
  }
  return out;
}
