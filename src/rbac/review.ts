// An access review: every subject named by a binding, what it holds in each scope (tier, risky capabilities, the
// bindings that grant it), and the difference against a previous review. The JSON form is the system of record
// (docs/rbac-json.md): `--since` and `rbac diff` compare two of them.
import {
  CAPABILITIES,
  type Capability,
  execCapability,
  holds,
  isFullAccess,
} from '../k8s/rbac/capabilities.ts';
import { groupIdentity, serviceAccountUser, type UserInfo, userIdentity } from '../k8s/rbac/identity.ts';
import type { RbacBinding, RbacSubject, RoleRule } from '../k8s/rbac/objects.ts';
import { whatCan } from '../k8s/rbac/what-can.ts';
import type { RbacWorld } from '../k8s/rbac/world.ts';

export const REVIEW_SCHEMA_VERSION = 1;

export interface ObjectName {
  kind: string;
  name: string;
  namespace?: string;
}

export interface ReviewGrant {
  binding: ObjectName;
  role: ObjectName & { builtIn?: boolean };
  /** The group the subject holds it through, when not its own name. */
  viaGroup?: string;
  /** "verbs|apiGroups|resources|resourceNames|nonResourceURLs" ('' for the core group), the rule as written. */
  rule: string;
}

export type Tier = 'admin' | 'write' | 'read';

export interface ReviewScope {
  /** "" cluster-wide, else a namespace. */
  scope: string;
  tier: Tier;
  /** Risky capabilities held there: secrets-read, exec, create-pods, tokens, escalate, bind, impersonate, … */
  capabilities: string[];
  grants: ReviewGrant[];
}

export interface ReviewSubject {
  kind: 'User' | 'Group' | 'ServiceAccount';
  name: string;
  namespace?: string;
  /** Only bindings of the API server's bootstrap policy name it. */
  platform: boolean;
  scopes: ReviewScope[];
}

export interface AccessReview {
  schemaVersion: number;
  generatedAt: string;
  source: { kind: string; paths?: string[]; context?: string; server?: string };
  basis: string;
  notes: string[];
  subjects: ReviewSubject[];
  /** Bindings whose role does not exist (latent grants). */
  errors: string[];
}

const RISKS: [string, (kubeVersion?: string) => Capability][] = [
  ['secrets-read', () => CAPABILITIES.secretsRead],
  ['exec', (v) => execCapability(v)],
  ['create-pods', () => CAPABILITIES.podCreate],
  ['tokens', () => CAPABILITIES.tokenRequest],
  ['nodes-proxy', () => CAPABILITIES.nodesProxy],
  ['escalate', () => CAPABILITIES.escalate],
  ['bind', () => CAPABILITIES.bind],
  ['impersonate', () => CAPABILITIES.impersonateIdentities],
  ['impersonate-serviceaccounts', () => CAPABILITIES.impersonateServiceAccounts],
  ['csr-approval', () => CAPABILITIES.csrApproval],
  ['admission-write', () => CAPABILITIES.mutatingAdmission],
  ['api-extension-write', () => CAPABILITIES.apiExtension],
];

/** What each risky capability lets its holder do beyond the rule itself. */
export const CAPABILITY_MEANING: Record<string, string> = {
  'secrets-read': 'read credentials, ServiceAccount tokens included',
  exec: 'run commands in pods, with their ServiceAccounts and Secrets',
  'create-pods': 'run a pod as any ServiceAccount of the namespace and mount its Secrets',
  tokens: 'mint tokens for ServiceAccounts: act as them',
  'nodes-proxy': 'the kubelet API: run commands in every pod of every node',
  escalate: 'write roles with any rules, then hold them',
  bind: 'bind any role, cluster-admin included',
  impersonate: 'act as any user or group, system:masters included',
  'impersonate-serviceaccounts': 'act as the ServiceAccounts in scope',
  'csr-approval': 'approve client certificates for any identity',
  'admission-write': 'rewrite or admit every object the API server receives',
  'api-extension-write': 'route API groups or change custom resources for everyone',
};

/** The risky capabilities the rules hold in a scope (cluster-scoped ones only cluster-wide). */
export function riskyCapabilities(rules: readonly RoleRule[], scope: string, kubeVersion?: string): string[] {
  return RISKS.filter(([, cap]) => {
    const capability = cap(kubeVersion);
    return (scope === '' || !capability.clusterScoped) && holds(rules, capability) !== undefined;
  }).map(([id]) => id);
}

const WRITE_VERBS = new Set(['*', 'create', 'update', 'patch', 'delete', 'deletecollection']);

export function ruleText(rule: RoleRule['rule']): string {
  return trimTrailing(ruleFields(rule), '|');
}

function ruleFields(rule: RoleRule['rule']): string {
  const groups = rule.apiGroups.map((g) => (g === '' ? "''" : g)).join(',');
  return [
    rule.verbs.join(','),
    groups,
    rule.resources.join(','),
    rule.resourceNames.join(','),
    rule.nonResourceURLs.join(','),
  ].join('|');
}

const nameOf = (o: { kind: string; name: string; namespace?: string }): ObjectName => ({
  kind: o.kind,
  name: o.name,
  ...(o.namespace ? { namespace: o.namespace } : {}),
});

function identityOfSubject(subject: RbacSubject, binding: RbacBinding): UserInfo {
  if (subject.kind === 'ServiceAccount')
    return serviceAccountUser(subject.namespace || binding.namespace || '', subject.name);
  if (subject.kind === 'Group') return { name: '', groups: [subject.name] };
  return userIdentity(subject.name);
}

export function buildReview(
  world: RbacWorld,
  meta: Pick<AccessReview, 'source' | 'basis' | 'notes'> & { kubeVersion?: string; now?: Date },
): AccessReview {
  const subjects = new Map<string, { subject: ReviewSubject; user: UserInfo }>();
  for (const binding of world.bindings)
    for (const s of binding.subjects) {
      if (s.kind !== 'User' && s.kind !== 'Group' && s.kind !== 'ServiceAccount') continue;
      const namespace = s.kind === 'ServiceAccount' ? s.namespace || binding.namespace || '' : undefined;
      const key = `${s.kind}\u0000${namespace ?? ''}\u0000${s.name}`;
      const platform = binding.builtIn === true || isBootstrap(binding);
      const present = subjects.get(key);
      if (present) {
        present.subject.platform &&= platform;
        continue;
      }
      subjects.set(key, {
        subject: { kind: s.kind, name: s.name, ...(namespace ? { namespace } : {}), platform, scopes: [] },
        user: identityOfSubject(s, binding),
      });
    }
  const errors = new Set<string>();
  for (const { subject, user } of subjects.values()) {
    const permissions = whatCan(world, subject.kind === 'Group' ? groupOnly(subject.name) : user);
    for (const e of permissions.errors) errors.add(e);
    const byScope = new Map<string, { grants: ReviewGrant[]; rules: RoleRule[] }>();
    for (const p of permissions.permissions) {
      // What everyone authenticated (or every ServiceAccount) holds is listed under that group, not per member.
      if (p.inherited || p.inert) continue;
      let entry = byScope.get(p.scope);
      if (!entry) {
        entry = { grants: [], rules: [] };
        byScope.set(p.scope, entry);
      }
      entry.rules.push(p.grant.rule);
      entry.grants.push({
        binding: nameOf(p.grant.binding),
        role: { ...nameOf(p.grant.role), ...(p.grant.role.builtIn ? { builtIn: true } : {}) },
        ...(p.viaGroup && p.viaGroup !== subject.name ? { viaGroup: p.viaGroup } : {}),
        rule: ruleText(p.grant.rule.rule),
      });
    }
    subject.scopes = [...byScope.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([scope, { grants, rules }]) => ({
        scope,
        tier: tierOf(rules),
        capabilities: riskyCapabilities(rules, scope, meta.kubeVersion),
        grants,
      }));
  }
  const list = [...subjects.values()].map((s) => s.subject).filter((s) => s.scopes.length > 0);
  list.sort((a, b) => order(a).localeCompare(order(b)));
  return {
    schemaVersion: REVIEW_SCHEMA_VERSION,
    generatedAt: (meta.now ?? new Date()).toISOString(),
    source: meta.source,
    basis: meta.basis,
    notes: meta.notes,
    subjects: list,
    errors: [...errors].sort(),
  };
}

function groupOnly(group: string): UserInfo {
  const identity = groupIdentity(group);
  return { name: '', groups: identity.groups.filter((g) => g === group) };
}

function isBootstrap(binding: RbacBinding): boolean {
  return binding.loaded?.object.metadata?.labels?.['kubernetes.io/bootstrapping'] === 'rbac-defaults';
}

function order(s: ReviewSubject): string {
  const rank = { User: 0, Group: 1, ServiceAccount: 2 }[s.kind];
  return `${s.platform ? 1 : 0}${rank}${s.namespace ?? ''}/${s.name}`;
}

export function tierOf(rules: readonly RoleRule[]): Tier {
  if (
    rules.some(isFullAccess) ||
    [CAPABILITIES.escalate, CAPABILITIES.bind, CAPABILITIES.impersonateIdentities].some((c) =>
      holds(rules, c),
    )
  )
    return 'admin';
  if (rules.some((r) => r.rule.verbs.some((v) => WRITE_VERBS.has(v)) && !onlyReviews(r.rule))) return 'write';
  return 'read';
}

function viaOf(g: ReviewGrant): string {
  const b = g.binding;
  return `${b.kind} ${b.namespace ? `${b.namespace}/` : ''}${b.name} → ${g.role.kind} ${g.role.name}`;
}

/** The text without the separators it ends with (empty trailing fields). */
export function trimTrailing(text: string, separator: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === separator) end--;
  return text.slice(0, end);
}

/** Creating a TokenReview or SubjectAccessReview asks a question; it writes nothing. */
function onlyReviews(rule: RoleRule['rule']): boolean {
  return (
    rule.apiGroups.length > 0 &&
    rule.apiGroups.every((g) => g === 'authentication.k8s.io' || g === 'authorization.k8s.io') &&
    rule.resources.every((r) => r.endsWith('reviews'))
  );
}

export function subjectLabel(s: { kind: string; name: string; namespace?: string }): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount ${s.namespace}/${s.name}` : `${s.kind} ${s.name}`;
}

export interface ReviewChange {
  subject: string;
  scope: string;
  change: 'added' | 'removed' | 'widened' | 'narrowed';
  /** Rules gained (added, widened) or lost (removed, narrowed). */
  rules: string[];
  /** Tier before and after. */
  tier?: { before?: Tier; after?: Tier };
  /** The bindings and roles those rules come through: "ClusterRoleBinding auditors → ClusterRole view". */
  via: string[];
}

/** What changed from one review to the next, per subject and scope; privilege increases first. */
export function diffReviews(before: AccessReview, after: AccessReview): ReviewChange[] {
  const index = (review: AccessReview) => {
    const map = new Map<string, { tier: Tier; rules: Set<string>; via: Map<string, string> }>();
    for (const s of review.subjects)
      for (const scope of s.scopes)
        map.set(`${subjectLabel(s)}\u0000${scope.scope}`, {
          tier: scope.tier,
          rules: new Set(scope.grants.map((g) => g.rule)),
          via: new Map(scope.grants.map((g) => [g.rule, viaOf(g)])),
        });
    return map;
  };
  const viaFor = (rules: string[], ...sides: ({ via: Map<string, string> } | undefined)[]) =>
    [...new Set(rules.map((r) => sides.map((side) => side?.via.get(r)).find(Boolean) ?? ''))]
      .filter(Boolean)
      .sort();
  const a = index(before);
  const b = index(after);
  const changes: ReviewChange[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const [subject = '', scope = ''] = key.split('\u0000');
    const old = a.get(key);
    const now = b.get(key);
    if (!old && now) {
      const rules = [...now.rules].sort();
      changes.push({
        subject,
        scope,
        change: 'added',
        rules,
        tier: { after: now.tier },
        via: viaFor(rules, now),
      });
    } else if (old && !now) {
      const rules = [...old.rules].sort();
      changes.push({
        subject,
        scope,
        change: 'removed',
        rules,
        tier: { before: old.tier },
        via: viaFor(rules, old),
      });
    } else if (old && now) {
      const gained = [...now.rules].filter((r) => !old.rules.has(r)).sort();
      const lost = [...old.rules].filter((r) => !now.rules.has(r)).sort();
      const tier = { before: old.tier, after: now.tier };
      if (gained.length > 0)
        changes.push({ subject, scope, change: 'widened', rules: gained, tier, via: viaFor(gained, now) });
      if (lost.length > 0)
        changes.push({ subject, scope, change: 'narrowed', rules: lost, tier, via: viaFor(lost, old) });
    }
  }
  const rank = { added: 0, widened: 1, narrowed: 2, removed: 3 };
  return changes.sort(
    (x, y) =>
      rank[x.change] - rank[y.change] || x.subject.localeCompare(y.subject) || x.scope.localeCompare(y.scope),
  );
}
