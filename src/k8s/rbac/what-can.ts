// "What can this identity do": the rules that apply to it, cluster-wide and per namespace, each with the binding,
// the subject through which it applies (its own name, a group it asserted, or a group it has implicitly) and the role.
import { type Grant, isPrivileged, visitMatches } from './authorize.ts';
import { isImplicitGroup, type UserInfo } from './identity.ts';
import type { RbacWorld } from './world.ts';

export interface Permission {
  /** "" cluster-wide, else the namespace it holds in. */
  readonly scope: string;
  readonly grant: Grant;
  /** The group through which the identity holds it, when the binding names a group. */
  readonly viaGroup?: string;
  /** Held only because every authenticated user / ServiceAccount is in an implicit group. */
  readonly inherited: boolean;
  /**
   * What the rule cannot do in this scope: URL rules and cluster-scoped resources through a RoleBinding grant
   * nothing (except the binding's own Namespace object).
   */
  readonly inert?: 'url-rule-in-namespace';
}

export interface Permissions {
  readonly privileged: boolean;
  readonly permissions: Permission[];
  readonly errors: string[];
}

/** Everything the identity holds: in `namespace` (ClusterRoleBindings + its RoleBindings), or everywhere. */
export function whatCan(world: RbacWorld, user: UserInfo, namespace?: string): Permissions {
  const errors: string[] = [];
  const matches =
    namespace === undefined
      ? [...world.bindingsFor(user, ''), ...world.roleBindingsFor(user)]
      : world.bindingsFor(user, namespace);
  const permissions: Permission[] = [];
  for (const grant of visitMatches(world, matches, errors)) {
    const scope = grant.binding.kind === 'ClusterRoleBinding' ? '' : (grant.binding.namespace ?? '');
    const viaGroup = grant.subject.kind === 'Group' ? grant.subject.name : undefined;
    const inert =
      scope !== '' && grant.rule.rule.nonResourceURLs.length > 0 ? 'url-rule-in-namespace' : undefined;
    permissions.push({
      scope,
      grant,
      ...(viaGroup ? { viaGroup } : {}),
      inherited: viaGroup !== undefined && isImplicitGroup(viaGroup),
      ...(inert ? { inert } : {}),
    });
  }
  return { privileged: isPrivileged(user), permissions, errors };
}
