// "Who can VERB RESOURCE": every binding subject the API server would allow, with the binding, role and rule that
// allow it. The scope follows the request the question stands for (docs/research rbac.md §2.9): cluster-scoped
// resources and non-resource URLs only through ClusterRoleBindings; a namespaced resource in a namespace through
// ClusterRoleBindings and that namespace's RoleBindings; with no namespace given, in any namespace (each answer
// says where); `allNamespaces` asks for the request across all namespaces at once (kubectl get -A), which only a
// ClusterRoleBinding can allow. Without a name, rules limited by resourceNames are answered apart, with the names.
import { roleNotFound } from './authorize.ts';
import { MASTERS } from './identity.ts';
import type { RbacBinding, RbacRole, RbacSubject, RoleRule } from './objects.ts';
import { type PolicyRule, type RequestAttributes, ruleAllows } from './rule.ts';
import type { RbacWorld } from './world.ts';

export type WhoCanQuestion =
  | {
      kind: 'resource';
      verb: string;
      group: string;
      resource: string;
      subresource: string;
      /** A named object; absent: any object (name-limited rules answered apart). */
      name?: string;
      /** A namespace; absent: any namespace. Ignored for cluster-scoped resources. */
      namespace?: string;
      allNamespaces?: boolean;
      /** false for cluster-scoped resources; absent when unknown (treated as namespaced). */
      namespaced?: boolean;
    }
  | { kind: 'url'; verb: string; path: string };

export interface WhoCanEntry {
  readonly subject: RbacSubject;
  readonly binding: RbacBinding;
  readonly role: RbacRole;
  readonly rule: RoleRule;
  /** "" for cluster-wide (ClusterRoleBinding), else the namespace the grant holds in. */
  readonly scope: string;
  /** Only these objects (the question named none and the rule lists resourceNames). */
  readonly names?: readonly string[];
}

export interface WhoCanAnswer {
  readonly entries: WhoCanEntry[];
  /** Groups allowed everything without any binding. */
  readonly privilegedGroups: readonly string[];
  /** Bindings whose role does not exist (latent grants). */
  readonly errors: string[];
  /** The namespace the request was evaluated in ("" cluster-wide; undefined: every namespace). */
  readonly namespace?: string;
}

interface RuleHit {
  rule: RoleRule;
  names?: string[];
}

export function whoCan(world: RbacWorld, question: WhoCanQuestion): WhoCanAnswer {
  const namespace = questionNamespace(question);
  const request: RequestAttributes =
    question.kind === 'url'
      ? { resourceRequest: false, verb: question.verb, path: question.path }
      : {
          resourceRequest: true,
          verb: question.verb,
          namespace: namespace ?? '',
          apiGroup: question.group,
          resource: question.resource,
          subresource: question.subresource,
          name: question.name ?? '',
        };
  const anyName = question.kind === 'resource' && question.name === undefined;
  const hits = new Map<RbacRole, RuleHit | null>();
  const hitFor = (role: RbacRole): RuleHit | null => {
    let hit = hits.get(role);
    if (hit === undefined) {
      hit = firstHit(world.rulesOf(role), request, anyName);
      hits.set(role, hit);
    }
    return hit;
  };
  const entries: WhoCanEntry[] = [];
  const errors: string[] = [];
  for (const binding of world.bindings) {
    const scope = binding.kind === 'ClusterRoleBinding' ? '' : (binding.namespace ?? '');
    if (scope !== '' && (namespace === '' || (namespace !== undefined && namespace !== scope))) continue;
    const role = world.resolve(binding);
    if (!role) {
      errors.push(roleNotFound(binding));
      continue;
    }
    const hit = hitFor(role);
    if (!hit) continue;
    for (const subject of binding.subjects) {
      if (subject.kind === 'ServiceAccount' && !subject.namespace && !binding.namespace) continue;
      entries.push({
        subject,
        binding,
        role,
        rule: hit.rule,
        scope,
        ...(hit.names ? { names: hit.names } : {}),
      });
    }
  }
  return { entries, privilegedGroups: [MASTERS], errors, ...(namespace !== undefined ? { namespace } : {}) };
}

/**
 * The namespace the question's request is made in: "" for URLs, cluster-scoped resources (except a Namespace by
 * name, which is requested in itself) and requests across all namespaces; undefined for "any namespace".
 */
function questionNamespace(question: WhoCanQuestion): string | undefined {
  if (question.kind === 'url') return '';
  if (question.namespaced === false) {
    if (question.resource === 'namespaces' && question.group === '' && question.name) return question.name;
    return '';
  }
  if (question.allNamespaces) return '';
  return question.namespace;
}

/** The first rule allowing the request; failing that (any-name questions), the name-limited rules that would. */
function firstHit(rules: readonly RoleRule[], request: RequestAttributes, anyName: boolean): RuleHit | null {
  let limited: RuleHit | null = null;
  for (const candidate of rules) {
    if (ruleAllows(candidate.rule, request)) return { rule: candidate };
    if (anyName && request.resourceRequest && allowsSomeName(candidate.rule, request)) {
      if (!limited) limited = { rule: candidate, names: [...candidate.rule.resourceNames] };
      else limited.names = [...new Set([...(limited.names ?? []), ...candidate.rule.resourceNames])];
    }
  }
  return limited;
}

function allowsSomeName(rule: PolicyRule, request: RequestAttributes & { resourceRequest: true }): boolean {
  const first = rule.resourceNames[0];
  return first !== undefined && ruleAllows(rule, { ...request, name: first });
}
