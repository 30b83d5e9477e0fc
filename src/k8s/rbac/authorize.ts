// The API server's answer to "may this identity make this request", RBAC and the privileged group only.
// Restated from kubernetes plugin/pkg/auth/authorizer/rbac (Authorize, VisitRulesFor, appliesToUser,
// GetRoleReferenceRules) and apiserver pkg/authorization/authorizerfactory (system:masters first), v1.34:
// ClusterRoleBindings always count; RoleBindings only for requests in their namespace; a binding whose role is
// missing adds an error and never denies; the first rule that allows ends the walk. RBAC never denies.
import { MASTERS, type UserInfo } from './identity.ts';
import {
  describeBinding,
  type RbacBinding,
  type RbacRole,
  type RbacSubject,
  type RoleRule,
} from './objects.ts';
import { type RequestAttributes, ruleAllows } from './rule.ts';
import type { BindingMatch, RbacWorld } from './world.ts';

/** One binding → role → rule path that allows a request. */
export interface Grant {
  readonly binding: RbacBinding;
  readonly subject: RbacSubject;
  readonly role: RbacRole;
  readonly rule: RoleRule;
}

export interface Decision {
  readonly allowed: boolean;
  /** The first grant found, or 'system:masters' for the privileged group. */
  readonly by?: Grant | typeof MASTERS;
  /** Bindings whose role does not exist, as the authorizer's reason lists them. */
  readonly errors: readonly string[];
}

export function roleNotFound(binding: RbacBinding): string {
  const kind = binding.roleRef.kind === 'ClusterRole' ? 'clusterrole' : 'role';
  return `${kind}.rbac.authorization.k8s.io "${binding.roleRef.name}" not found (${describeBinding(binding)})`;
}

/** Every rule that applies to the identity in a namespace, with its source; missing roles become errors. */
export function* visitRules(
  world: RbacWorld,
  user: UserInfo,
  namespace: string,
  errors?: string[],
): Generator<Grant> {
  yield* visitMatches(world, world.bindingsFor(user, namespace), errors);
}

export function* visitMatches(
  world: RbacWorld,
  matches: readonly BindingMatch[],
  errors?: string[],
): Generator<Grant> {
  for (const { binding, subject } of matches) {
    const role = world.resolve(binding);
    if (!role) {
      errors?.push(roleNotFound(binding));
      continue;
    }
    for (const rule of world.rulesOf(role)) yield { binding, subject, role, rule };
  }
}

export function isPrivileged(user: UserInfo): boolean {
  return user.groups.includes(MASTERS);
}

export function authorize(world: RbacWorld, user: UserInfo, request: RequestAttributes): Decision {
  if (isPrivileged(user)) return { allowed: true, by: MASTERS, errors: [] };
  const errors: string[] = [];
  for (const grant of visitRules(world, user, namespaceOf(request), errors))
    if (ruleAllows(grant.rule.rule, request)) return { allowed: true, by: grant, errors };
  return { allowed: false, errors };
}

/** Every grant that allows the request (the authorizer stops at the first; reviews want them all). */
export function allGrants(world: RbacWorld, user: UserInfo, request: RequestAttributes): Grant[] {
  const out: Grant[] = [];
  for (const grant of visitRules(world, user, namespaceOf(request)))
    if (ruleAllows(grant.rule.rule, request)) out.push(grant);
  return out;
}

function namespaceOf(request: RequestAttributes): string {
  return request.resourceRequest ? request.namespace : '';
}

/** The reason string the API server gives for an allow: `RBAC: allowed by RoleBinding "b/ns" of Role "r" to User "u"`. */
export function reasonOf(grant: Grant): string {
  const b = grant.binding;
  const name = b.kind === 'RoleBinding' ? `${b.name}/${b.namespace ?? ''}` : b.name;
  return `RBAC: allowed by ${b.kind} "${name}" of ${b.roleRef.kind} "${b.roleRef.name}" to ${grant.subject.kind} "${grant.subject.name}"`;
}
