// The rules of aggregated ClusterRoles, as kube-controller-manager's clusterrole-aggregation controller writes
// them. Restated from pkg/controller/clusterroleaggregation (v1.34): for each selector in order, the ClusterRoles
// it matches sorted by name, the role itself left out; every rule not already present (semantic equality) is
// appended; the result replaces whatever `rules` the aggregated role held. Chains (view → edit → admin) are
// followed to the fixpoint the controller reaches; a cycle has no single fixpoint and is reported.
import { describeRbacRole, type RbacProblem, type RbacRole, type RoleRule, selects } from './objects.ts';
import { ruleKey } from './rule.ts';

export interface Aggregated {
  /** Rules of every ClusterRole with an aggregationRule, computed. */
  rules: Map<RbacRole, RoleRule[]>;
  problems: RbacProblem[];
}

export function aggregateClusterRoles(clusterRoles: readonly RbacRole[]): Aggregated {
  const sorted = [...clusterRoles].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const rules = new Map<RbacRole, RoleRule[]>();
  const problems: RbacProblem[] = [];
  const visiting = new Set<RbacRole>();
  const cycles = new Set<RbacRole>();

  const rulesOf = (role: RbacRole): readonly RoleRule[] => {
    if (!role.aggregation) return role.rules;
    const done = rules.get(role);
    if (done) return done;
    if (visiting.has(role)) {
      cycles.add(role);
      return role.rules;
    }
    visiting.add(role);
    const out: RoleRule[] = [];
    const present = new Set<string>();
    for (const selector of role.aggregation) {
      for (const other of sorted) {
        if (other.name === role.name || !selects(selector, other)) continue;
        for (const candidate of rulesOf(other)) {
          const key = ruleKey(candidate.rule);
          if (present.has(key)) continue;
          present.add(key);
          out.push(candidate);
        }
      }
    }
    visiting.delete(role);
    rules.set(role, out);
    return out;
  };

  for (const role of sorted) rulesOf(role);
  for (const role of cycles)
    problems.push({
      ...(role.loaded ? { loaded: role.loaded } : {}),
      object: describeRbacRole(role),
      path: ['aggregationRule'],
      level: 'warning',
      message:
        'its aggregationRule selects, through other aggregated ClusterRoles, itself: the rules the controller ends with depend on the order it works in',
    });
  return { rules, problems };
}
