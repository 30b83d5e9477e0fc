// What every binding check starts from: the binding as the evaluator reads it, the role it resolves to (a
// built-in one included), the rules it grants, who holds them and how much that scope and holder matter.
import type { CheckContext, Issue } from '../../core/check.ts';
import type { LoadedObject } from '../../core/object.ts';
import { type Capability, type Held, holds, isFullAccess } from '../../k8s/rbac/capabilities.ts';
import { worldOf } from '../../k8s/rbac/in-index.ts';
import {
  describeSubject,
  type RbacBinding,
  type RbacRole,
  type RbacSubject,
  type RoleRule,
} from '../../k8s/rbac/objects.ts';
import type { RbacWorld } from '../../k8s/rbac/world.ts';

/** Names Kubernetes (or the platform) creates itself; user roles with these names are exempt by default. */
export function isSystemName(name: string, extra: readonly string[] = []): boolean {
  return name.startsWith('system:') || extra.includes(name);
}

/** Binding names Kubernetes or the platform creates (system:…, the default cluster-admin binding, …). */
export const DEFAULT_EXEMPT_BINDINGS = ['cluster-admin', 'gce:podsecuritypolicy:calico-sa'];

/** Namespaces where a namespaced grant is as good as a cluster-wide one (control-plane credentials live there). */
const PRIVILEGED_NAMESPACES = new Set(['kube-system']);

/** Groups everyone (or every pod) of a kind is in: a grant to them is a grant to all of them. */
export function isBroadSubject(subject: RbacSubject): boolean {
  if (subject.kind === 'User') return subject.name === 'system:anonymous';
  if (subject.kind !== 'Group') return false;
  return (
    subject.name === 'system:authenticated' ||
    subject.name === 'system:unauthenticated' ||
    subject.name === 'system:serviceaccounts' ||
    subject.name.startsWith('system:serviceaccounts:')
  );
}

export interface BindingGrant {
  world: RbacWorld;
  binding: RbacBinding;
  /** The role it resolves to, when it exists in the input or among the built-ins. */
  role?: RbacRole;
  rules: readonly RoleRule[];
  /** 'ClusterRole "edit"', 'default ClusterRole "edit"' for a built-in one. */
  roleText: string;
  /** "ServiceAccount dev/ci, Group ops" */
  subjects: string;
  /** "the whole cluster" or 'namespace "dev"' */
  scopeText: string;
  /** +1 for a holder that is everyone of a kind or a namespace's default ServiceAccount, -1 for an ordinary namespace. */
  severityShift: number;
}

export function isExemptBinding(binding: RbacBinding, exempt: readonly string[], byName = true): boolean {
  return (
    (byName && binding.name.startsWith('system:')) ||
    exempt.includes(binding.name) ||
    binding.loaded?.object.metadata?.labels?.['kubernetes.io/bootstrapping'] === 'rbac-defaults'
  );
}

/** The binding's grant, or undefined for exempt bindings and bindings the evaluator could not read. */
export function bindingGrant(
  loaded: LoadedObject,
  context: Pick<CheckContext<unknown>, 'index' | 'settings'>,
  exempt: readonly string[],
  /** false: judge bindings named system:… too (anyone can choose that name); the bootstrap label still exempts. */
  exemptSystemNames = true,
): BindingGrant | undefined {
  const world = worldOf(context.index, context.settings);
  const binding = world.bindingOf(loaded);
  if (!binding || isExemptBinding(binding, exempt, exemptSystemNames)) return undefined;
  const role = world.resolve(binding);
  const ref = binding.roleRef;
  const roleText = `${role?.builtIn ? 'default ' : ''}${ref.kind} "${ref.name}"`;
  const cluster = binding.kind === 'ClusterRoleBinding';
  const broad = binding.subjects.some(
    (s) => isBroadSubject(s) || (s.kind === 'ServiceAccount' && s.name === 'default'),
  );
  const ordinaryNamespace = !cluster && !PRIVILEGED_NAMESPACES.has(binding.namespace ?? '');
  return {
    world,
    binding,
    ...(role ? { role } : {}),
    rules: role ? world.rulesOf(role) : [],
    roleText,
    subjects: describeSubjects(binding),
    scopeText: cluster ? 'the whole cluster' : `namespace "${binding.namespace}"`,
    severityShift: (broad ? 1 : 0) - (ordinaryNamespace ? 1 : 0),
  };
}

export function describeSubjects(binding: RbacBinding): string {
  const names = binding.subjects.map((s) => describeSubject(s, binding.namespace));
  if (names.length === 0) return 'no subjects';
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

/** The info finding for a binding whose role is neither in the files nor built in. */
export function unknownRoleIssue(grant: BindingGrant, what: string): Issue {
  const b = grant.binding;
  return {
    path: ['roleRef', 'name'],
    severity: 'info',
    message: `${b.kind} "${b.name}" binds ${grant.roleText}, which is not in the input; it may allow ${what}`,
  };
}

/** Where a rule is written, for messages: ' (rule 2 of ClusterRole "x", aggregated into "view")'. */
export function ruleOrigin(grant: BindingGrant, rule: RoleRule): string {
  // Built-in roles aggregating built-in parts is how Kubernetes writes them, not news.
  if (rule.role === grant.role || rule.role.builtIn) return '';
  return ` (aggregated from ${rule.role.builtIn ? 'default ' : ''}${rule.role.kind} "${rule.role.name}")`;
}

/**
 * A RoleBinding to the built-in admin or edit role: the namespace power Kubernetes designed them to give (exec,
 * Secrets, tokens, impersonating the namespace's ServiceAccounts), reported once by rbac-binding-pod-exec-attach.
 */
export function isNamespaceUserRole(grant: BindingGrant): boolean {
  return (
    grant.binding.kind === 'RoleBinding' &&
    grant.role?.builtIn === true &&
    (grant.role.name === 'admin' || grant.role.name === 'edit')
  );
}

/** The full-access finding a narrower finding on the same binding restates, when the binding grants everything. */
export function fullAccessRoot(grant: BindingGrant): Issue['relatedTo'] | undefined {
  if (!grant.rules.some(isFullAccess)) return undefined;
  const check =
    grant.binding.kind === 'ClusterRoleBinding' ? 'rbac-cluster-admin-binding' : 'rbac-namespace-full-access';
  return { check, path: ['roleRef', 'name'] };
}

/**
 * The issue for a binding whose role holds a capability: `<Kind> "<name>" binds <role>, which <what>, to <subjects>`,
 * at roleRef.name, shifted by scope and holder, related to the full-access finding when the role grants everything.
 * Cluster-scoped capabilities only count through ClusterRoleBindings. Undefined when the role does not hold it.
 */
export function capabilityIssue(
  grant: BindingGrant,
  capability: Capability,
  what: (held: Held) => string,
  extraShift = 0,
  /** Checks that peers map one to one keep firing under a full-access binding, related to it; the rest merge. */
  whenFullAccess: 'relate' | 'merge' = 'merge',
): Issue | undefined {
  if (capability.clusterScoped && grant.binding.kind !== 'ClusterRoleBinding') return undefined;
  const root = fullAccessRoot(grant);
  if (root && whenFullAccess === 'merge') return undefined;
  const held = holds(grant.rules, capability);
  if (!held) return undefined;
  const b = grant.binding;
  return {
    path: ['roleRef', 'name'],
    severityShift: grant.severityShift + extraShift,
    ...(root ? { relatedTo: root } : {}),
    message: `${b.kind} "${b.name}" binds ${grant.roleText}, which ${what(held)}${ruleOrigin(grant, held.rule)}, to ${grant.subjects}`,
  };
}
