// The RBAC state one evaluation runs over: roles (aggregation resolved), bindings indexed by the subjects they
// name, and what was wrong with the input. Built once per run from files, a snapshot or a live read; pure.
import { append } from '../../core/append.ts';
import { type LoadedObject, scopeOf } from '../../core/object.ts';
import { aggregateClusterRoles } from './aggregation.ts';
import { serviceAccountUsername, type UserInfo } from './identity.ts';
import {
  describeObject,
  type RbacBinding,
  type RbacProblem,
  type RbacRole,
  type RbacSubject,
  type RoleRule,
  readBinding,
  readRole,
} from './objects.ts';
import { ruleKey } from './rule.ts';

export interface WorldOptions {
  /**
   * compute: an aggregated ClusterRole holds the union of the roles its selectors pick, as the controller will
   * write it (files and snapshots); stored: its rules as read (live: what the authorizer reads right now).
   */
  aggregation: 'compute' | 'stored';
  /** Roles and bindings of the API server's bootstrap policy, added where the input has none of that name. */
  builtIns?: { roles: readonly RbacRole[]; bindings: readonly RbacBinding[] };
}

/** A binding that applies to an identity, with the subject that makes it apply (the first one, as upstream). */
export interface BindingMatch {
  readonly binding: RbacBinding;
  readonly subject: RbacSubject;
}

const userKey = (name: string) => `u\u0000${name}`;
const groupKey = (name: string) => `g\u0000${name}`;

/** The key an identity must carry for a subject to apply to it, or undefined when nobody matches it. */
export function subjectKey(subject: RbacSubject, bindingNamespace: string | undefined): string | undefined {
  switch (subject.kind) {
    case 'User':
      return userKey(subject.name);
    case 'Group':
      return groupKey(subject.name);
    case 'ServiceAccount': {
      const ns = subject.namespace || bindingNamespace || '';
      return ns === '' ? undefined : userKey(serviceAccountUsername(ns, subject.name));
    }
    default:
      return undefined;
  }
}

/**
 * Whether a binding object names the identity at all (raw, before reading it): lets a question about one identity
 * skip reading the rest of a large estate.
 */
export function mayApply(object: LoadedObject['object'], user: UserInfo): boolean {
  if (object.kind !== 'RoleBinding' && object.kind !== 'ClusterRoleBinding') return true;
  if (!Array.isArray(object.subjects)) return false;
  const bindingNs = object.kind === 'RoleBinding' ? object.metadata?.namespace || 'default' : '';
  for (const s of object.subjects as { kind?: unknown; name?: unknown; namespace?: unknown }[]) {
    if (!s || typeof s.name !== 'string') continue;
    if (s.kind === 'User' && s.name === user.name) return true;
    if (s.kind === 'Group' && user.groups.includes(s.name)) return true;
    if (s.kind === 'ServiceAccount') {
      const ns = typeof s.namespace === 'string' && s.namespace !== '' ? s.namespace : bindingNs;
      if (ns !== '' && serviceAccountUsername(ns, s.name) === user.name) return true;
    }
  }
  return false;
}

/**
 * The objects a question about one identity needs: the bindings that name it, the roles they refer to, and every
 * ClusterRole that aggregation could involve (one with an aggregationRule or with labels). Other roles cannot
 * change the answer; on a 5,000-role estate skipping them halves `rbac can`. Works on raw objects, so a snapshot
 * can drop the rest before normalising them.
 */
export function relevantTo<T extends LoadedObject['object']>(objects: readonly T[], user: UserInfo): T[] {
  const bindings = new Set<T>();
  const clusterRoles = new Set<string>();
  const roles = new Set<string>();
  for (const object of objects) {
    if (object.kind !== 'RoleBinding' && object.kind !== 'ClusterRoleBinding') continue;
    if (!mayApply(object, user)) continue;
    bindings.add(object);
    const ref = object.roleRef as { kind?: unknown; name?: unknown } | undefined;
    if (!ref || typeof ref.name !== 'string') continue;
    if (ref.kind === 'ClusterRole') clusterRoles.add(ref.name);
    else if (ref.kind === 'Role') roles.add(`${object.metadata?.namespace || 'default'}\u0000${ref.name}`);
  }
  return objects.filter((object) => {
    const { kind, metadata } = object;
    if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') return bindings.has(object);
    if (kind === 'ClusterRole')
      return (
        clusterRoles.has(String(metadata?.name)) ||
        object.aggregationRule !== undefined ||
        Object.keys(metadata?.labels ?? {}).length > 0
      );
    if (kind === 'Role')
      return roles.has(`${metadata?.namespace || 'default'}\u0000${String(metadata?.name)}`);
    return true;
  });
}

function identityKeys(user: UserInfo): string[] {
  const keys = user.name === '' ? [] : [userKey(user.name)];
  for (const g of user.groups) keys.push(groupKey(g));
  return keys;
}

export class RbacWorld {
  readonly roles: readonly RbacRole[];
  readonly bindings: readonly RbacBinding[];
  readonly problems: RbacProblem[] = [];
  readonly aggregation: WorldOptions['aggregation'];
  private readonly clusterRoles = new Map<string, RbacRole[]>();
  private readonly namespacedRoles = new Map<string, RbacRole[]>();
  private readonly aggregated: Map<RbacRole, RoleRule[]>;
  private readonly clusterIndex = new Map<string, BindingMatch[]>();
  /** RoleBinding matches by namespace and subject key. */
  private readonly namespaceIndex = new Map<string, Map<string, BindingMatch[]>>();
  private readonly namespacesWithBindings = new Set<string>();
  private readonly byObject = new Map<LoadedObject, RbacRole | RbacBinding>();

  constructor(objects: readonly LoadedObject[], options: WorldOptions) {
    this.aggregation = options.aggregation;
    let roles: RbacRole[] = [];
    let bindings: RbacBinding[] = [];
    for (const loaded of objects) {
      const kind = loaded.object.kind;
      if (kind === 'Role' || kind === 'ClusterRole') {
        const read = readRole(loaded);
        append(this.problems, read.problems);
        if (read.value) roles.push(read.value);
      } else if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
        const read = readBinding(loaded, bindings.length);
        append(this.problems, read.problems);
        if (read.value) bindings.push(read.value);
      }
    }
    const superseded = this.supersededDuplicates(roles, bindings);
    if (superseded.size > 0) {
      roles = roles.filter((r) => !superseded.has(r));
      bindings = bindings.filter((b) => !superseded.has(b)).map((b, order) => ({ ...b, order }));
    }
    for (const role of roles) this.addRole(role);
    if (options.builtIns) {
      for (const role of options.builtIns.roles) {
        const written = this.rolesNamed(role.kind, role.namespace, role.name);
        if (!written) {
          this.addRole(role);
          roles.push(role);
          continue;
        }
        // The API server reconciles its own roles at every start: rules the input lacks come back unless the role
        // opts out with rbac.authorization.kubernetes.io/autoupdate: "false".
        for (const own of written)
          if (own.loaded?.object.metadata?.annotations?.[AUTOUPDATE] !== 'false') reconcile(own, role);
      }
      const present = new Set(bindings.map((b) => describeObject(b.kind, b.namespace, b.name)));
      for (const binding of options.builtIns.bindings)
        if (!present.has(describeObject(binding.kind, binding.namespace, binding.name)))
          bindings.push({ ...binding, order: bindings.length });
    }
    this.roles = roles;
    this.bindings = bindings;
    for (const item of [...roles, ...bindings]) if (item.loaded) this.byObject.set(item.loaded, item);
    for (const binding of bindings) this.indexBinding(binding);
    const clusterRoles = roles.filter((r) => r.kind === 'ClusterRole');
    if (options.aggregation === 'compute') {
      const result = aggregateClusterRoles(clusterRoles);
      this.aggregated = result.rules;
      append(this.problems, result.problems);
    } else this.aggregated = new Map();
  }

  private addRole(role: RbacRole): void {
    if (role.kind === 'ClusterRole') push(this.clusterRoles, role.name, role);
    else push(this.namespacedRoles, `${role.namespace ?? ''}\u0000${role.name}`, role);
  }

  private rolesNamed(kind: string, namespace: string | undefined, name: string): RbacRole[] | undefined {
    return kind === 'ClusterRole'
      ? this.clusterRoles.get(name)
      : this.namespacedRoles.get(`${namespace ?? ''}\u0000${name}`);
  }

  /**
   * Same kind, namespace and name twice in one directory (or snapshot): kubectl apply leaves the later one, so
   * the earlier is reported and dropped. Copies in different directories are alternatives (overlays), kept.
   */
  private supersededDuplicates(
    roles: readonly RbacRole[],
    bindings: readonly RbacBinding[],
  ): Set<RbacRole | RbacBinding> {
    const seen = new Map<string, RbacRole | RbacBinding>();
    const superseded = new Set<RbacRole | RbacBinding>();
    for (const item of [...roles, ...bindings]) {
      const scope = item.loaded?.origin ? scopeOf(item.loaded) : '';
      const key = `${item.kind}\u0000${item.namespace ?? ''}\u0000${item.name}\u0000${scope}`;
      const earlier = seen.get(key);
      seen.set(key, item);
      if (!earlier) continue;
      const what = describeObject(item.kind, item.namespace, item.name);
      superseded.add(earlier);
      const earlierFile = earlier.loaded?.origin?.file;
      const where = !earlierFile
        ? ''
        : earlierFile === item.loaded?.origin?.file
          ? ` (twice in ${earlierFile})`
          : ` (also in ${earlierFile})`;
      this.problems.push({
        ...(item.loaded ? { loaded: item.loaded } : {}),
        object: what,
        level: 'warning',
        alsoReportedBy: 'object-duplicate',
        message: `defined more than once${where}; the later definition is the one evaluated, as kubectl apply would leave it`,
      });
    }
    return superseded;
  }

  private indexBinding(binding: RbacBinding): void {
    const seen = new Set<string>();
    for (const subject of binding.subjects) {
      const key = subjectKey(subject, binding.namespace);
      // The first subject that applies is the one the authorizer names.
      if (key === undefined || seen.has(key)) continue;
      seen.add(key);
      const match: BindingMatch = { binding, subject };
      if (binding.kind === 'ClusterRoleBinding') push(this.clusterIndex, key, match);
      else {
        const ns = binding.namespace ?? '';
        this.namespacesWithBindings.add(ns);
        let byKey = this.namespaceIndex.get(ns);
        if (!byKey) {
          byKey = new Map();
          this.namespaceIndex.set(ns, byKey);
        }
        push(byKey, key, match);
      }
    }
  }

  /**
   * The role a binding references, or undefined when it does not exist. A Role is looked up in the binding's
   * namespace only. When the input holds alternatives of one name (overlays, environments), the one written
   * in the binding's own directory wins, else the last one.
   */
  resolve(binding: RbacBinding): RbacRole | undefined {
    const candidates = this.rolesNamed(binding.roleRef.kind, binding.namespace, binding.roleRef.name);
    if (!candidates || (binding.roleRef.kind === 'Role' && binding.kind === 'ClusterRoleBinding'))
      return undefined;
    if (candidates.length === 1) return candidates[0];
    const scope = binding.loaded ? scopeOf(binding.loaded) : '';
    let found: RbacRole | undefined;
    for (const c of candidates) if ((c.loaded ? scopeOf(c.loaded) : '') === scope) found = c;
    return found ?? candidates[candidates.length - 1];
  }

  /** The binding read from this object (undefined when it had no usable roleRef, or a later copy replaced it). */
  bindingOf(loaded: LoadedObject): RbacBinding | undefined {
    const item = this.byObject.get(loaded);
    return item && (item.kind === 'RoleBinding' || item.kind === 'ClusterRoleBinding') ? item : undefined;
  }

  /** The role read from this object. */
  roleOf(loaded: LoadedObject): RbacRole | undefined {
    const item = this.byObject.get(loaded);
    return item && (item.kind === 'Role' || item.kind === 'ClusterRole') ? item : undefined;
  }

  /** The problems found in one object. */
  problemsOf(loaded: LoadedObject): RbacProblem[] {
    return this.problems.filter((p) => p.loaded === loaded);
  }

  /** The rules a role grants: for an aggregated ClusterRole, the aggregation's (computed or stored). */
  rulesOf(role: RbacRole): readonly RoleRule[] {
    return this.aggregated.get(role) ?? role.rules;
  }

  /** What aggregation computed for a role, when it is aggregated and computed. */
  computedRules(role: RbacRole): readonly RoleRule[] | undefined {
    return this.aggregated.get(role);
  }

  clusterRole(name: string): RbacRole | undefined {
    const list = this.clusterRoles.get(name);
    return list?.[list.length - 1];
  }

  role(namespace: string, name: string): RbacRole | undefined {
    const list = this.namespacedRoles.get(`${namespace}\u0000${name}`);
    return list?.[list.length - 1];
  }

  /**
   * The bindings that apply to an identity for a request in `namespace` ("" = cluster-scoped: ClusterRoleBindings
   * only), in input order, each with the first subject that applies (upstream VisitRulesFor).
   */
  bindingsFor(user: UserInfo, namespace: string): BindingMatch[] {
    const keys = identityKeys(user);
    const out = collect(keys, this.clusterIndex);
    if (namespace !== '') {
      const byKey = this.namespaceIndex.get(namespace);
      if (byKey) append(out, collect(keys, byKey));
    }
    return out;
  }

  /** The RoleBindings that apply to an identity in every namespace, in input order. */
  roleBindingsFor(user: UserInfo): BindingMatch[] {
    const keys = identityKeys(user);
    const out: BindingMatch[] = [];
    for (const byKey of this.namespaceIndex.values()) append(out, collect(keys, byKey));
    return out.sort((a, b) => a.binding.order - b.binding.order);
  }

  /** Namespaces in which some RoleBinding exists. */
  namespaces(): string[] {
    return [...this.namespacesWithBindings].sort();
  }
}

/** Matches for any of the keys, one per binding (its first applying subject), in binding order. */
function collect(keys: readonly string[], index: Map<string, BindingMatch[]>): BindingMatch[] {
  const best = new Map<RbacBinding, BindingMatch>();
  for (const key of keys) {
    const list = index.get(key);
    if (!list) continue;
    for (const match of list) {
      const present = best.get(match.binding);
      if (!present || match.subject.index < present.subject.index) best.set(match.binding, match);
    }
  }
  return [...best.values()].sort((a, b) => a.binding.order - b.binding.order);
}

const AUTOUPDATE = 'rbac.authorization.kubernetes.io/autoupdate';

/** Adds the built-in role's rules the written one lacks (reconciliation), keeping where each rule comes from. */
function reconcile(written: RbacRole, builtIn: RbacRole): void {
  const present = new Set(written.rules.map((r) => ruleKey(r.rule)));
  const rules = written.rules as RoleRule[];
  for (const rule of builtIn.rules) if (!present.has(ruleKey(rule.rule))) rules.push(rule);
  if (builtIn.aggregation && !written.aggregation)
    (written as { aggregation?: RbacRole['aggregation'] }).aggregation = builtIn.aggregation;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
