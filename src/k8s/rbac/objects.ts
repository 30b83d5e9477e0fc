// Roles and bindings read from objects of any shape, with what the API server would reject said, never thrown.
// Validation restated from kubernetes pkg/apis/rbac/validation/validation.go (v1.34): a rule needs verbs; URL
// rules only in ClusterRoles and never mixed with resources; resource rules need apiGroups and resources; roleRef
// kind Role or ClusterRole (ClusterRole only for a ClusterRoleBinding); subject kinds User, Group, ServiceAccount,
// a ServiceAccount in a ClusterRoleBinding needs its namespace. An invalid rule or subject is left out and the
// rest of the object is evaluated (docs/decisions/0051-rbac-evaluator.md).
import type { LoadedObject } from '../../core/object.ts';
import type { Path } from '../../core/path.ts';
import { type LabelSelector, matchesSelector } from '../labels.ts';
import type { PolicyRule } from './rule.ts';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
export const ROLE_KINDS = ['Role', 'ClusterRole'] as const;
export const BINDING_KINDS = ['RoleBinding', 'ClusterRoleBinding'] as const;
export const RBAC_KINDS = [...ROLE_KINDS, ...BINDING_KINDS] as const;

export type RoleKind = (typeof ROLE_KINDS)[number];
export type BindingKind = (typeof BINDING_KINDS)[number];

/** A rule as written in one role, with where it is written (an aggregated role's rules keep their origin). */
export interface RoleRule {
  readonly rule: PolicyRule;
  /** The role whose `rules` hold it. */
  readonly role: RbacRole;
  /** Its index in that role's `rules`. */
  readonly index: number;
}

export interface RbacRole {
  readonly kind: RoleKind;
  /** Roles only. */
  readonly namespace?: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The valid rules written in the object (for an aggregated ClusterRole: what is stored). */
  readonly rules: readonly RoleRule[];
  /** ClusterRoles with an aggregationRule: its selectors. */
  readonly aggregation?: readonly LabelSelector[];
  /** Where it comes from; absent for a built-in role taken from the bootstrap policy table. */
  readonly loaded?: LoadedObject;
  /** Set for roles of the API server's bootstrap policy added because the input does not hold them. */
  readonly builtIn?: boolean;
}

export interface RbacSubject {
  readonly kind: string;
  readonly name: string;
  /** As written (ServiceAccounts: may be absent in a RoleBinding, meaning the binding's namespace). */
  readonly namespace?: string;
  readonly index: number;
}

export interface RbacBinding {
  readonly kind: BindingKind;
  readonly namespace?: string;
  readonly name: string;
  readonly roleRef: { readonly kind: string; readonly name: string };
  /** Valid subjects (an invalid one is reported and matches nobody, as in the authorizer). */
  readonly subjects: readonly RbacSubject[];
  readonly loaded?: LoadedObject;
  readonly builtIn?: boolean;
  /** Input order, so answers list bindings the same way on every run. */
  readonly order: number;
}

export interface RbacProblem {
  readonly loaded?: LoadedObject;
  /** `ClusterRole "x"`, `RoleBinding "ns/y"` */
  readonly object: string;
  readonly path?: Path;
  readonly message: string;
  /** error: the API server would reject the object as written; warning: accepted but it does not do what it says. */
  readonly level: 'error' | 'warning';
  /** Said already by a general check (schema validation, duplicate objects): review does not say it twice. */
  readonly alsoReportedBy?: 'schema' | 'object-duplicate';
}

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => v !== null && typeof v === 'object' && !Array.isArray(v);

export function describeObject(kind: string, namespace: string | undefined, name: string): string {
  return `${kind} "${namespace ? `${namespace}/` : ''}${name}"`;
}

export function describeRbacRole(role: RbacRole): string {
  return describeObject(role.kind, role.namespace, role.name);
}

export function describeBinding(binding: RbacBinding): string {
  return describeObject(binding.kind, binding.namespace, binding.name);
}

export function describeSubject(subject: RbacSubject, bindingNamespace?: string): string {
  if (subject.kind === 'ServiceAccount') {
    const ns = subject.namespace || bindingNamespace || '';
    return `ServiceAccount ${ns}/${subject.name}`;
  }
  return `${subject.kind} ${subject.name}`;
}

/** A string list field: absent is empty; anything but a list of strings is a problem. */
function stringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return undefined;
  const out: string[] = [];
  for (const v of value) {
    if (typeof v !== 'string') return undefined;
    out.push(v);
  }
  return out;
}

const RULE_FIELDS = ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'] as const;

/** The problems the API server would raise for one rule, or the rule. */
export function readRule(
  raw: unknown,
  namespaced: boolean,
): { rule?: PolicyRule; problems: { path: Path; message: string; schema?: boolean }[] } {
  if (!isDict(raw)) return { problems: [{ path: [], message: 'a rule must be a map', schema: true }] };
  const fields: Partial<Record<(typeof RULE_FIELDS)[number], string[]>> = {};
  const problems: { path: Path; message: string; schema?: boolean }[] = [];
  for (const field of RULE_FIELDS) {
    const list = stringList(raw[field]);
    if (list === undefined)
      problems.push({ path: [field], message: `${field} must be a list of strings`, schema: true });
    else fields[field] = list;
  }
  if (problems.length > 0) return { problems };
  const rule: PolicyRule = {
    verbs: fields.verbs ?? [],
    apiGroups: fields.apiGroups ?? [],
    resources: fields.resources ?? [],
    resourceNames: fields.resourceNames ?? [],
    nonResourceURLs: fields.nonResourceURLs ?? [],
  };
  if (rule.verbs.length === 0)
    problems.push({
      path: ['verbs'],
      message: 'verbs must contain at least one value',
      // A missing field is the schema's finding; an empty list passes the schema.
      schema: raw.verbs === undefined || raw.verbs === null,
    });
  if (rule.nonResourceURLs.length > 0) {
    if (namespaced)
      problems.push({
        path: ['nonResourceURLs'],
        message: 'namespaced rules cannot apply to non-resource URLs',
      });
    if (rule.apiGroups.length > 0 || rule.resources.length > 0 || rule.resourceNames.length > 0)
      problems.push({
        path: ['nonResourceURLs'],
        message: 'rules cannot apply to both regular resources and non-resource URLs',
      });
  } else {
    if (rule.apiGroups.length === 0)
      problems.push({ path: ['apiGroups'], message: 'resource rules must supply at least one api group' });
    if (rule.resources.length === 0)
      problems.push({ path: ['resources'], message: 'resource rules must supply at least one resource' });
  }
  return problems.length > 0 ? { problems } : { rule, problems };
}

/** A namespaced object written without a namespace lands in "default" when applied without -n (kubectl). */
export function namespaceOf(loaded: LoadedObject): string {
  return loaded.ref.namespace || 'default';
}

function labelsOf(loaded: LoadedObject): Record<string, string> {
  const labels = loaded.object.metadata?.labels;
  if (!isDict(labels)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') out[k] = v;
  return out;
}

export interface ReadResult<T> {
  value?: T;
  problems: RbacProblem[];
}

/** A Role or ClusterRole. Undefined value only when it has no name (it cannot be referenced). */
export function readRole(loaded: LoadedObject): ReadResult<RbacRole> {
  const { object } = loaded;
  const kind = object.kind as RoleKind;
  const name = typeof object.metadata?.name === 'string' ? object.metadata.name : '';
  const namespace = kind === 'Role' ? namespaceOf(loaded) : undefined;
  const what = describeObject(kind, namespace, name);
  const problems: RbacProblem[] = [];
  const problem = (
    message: string,
    path?: Path,
    level: 'error' | 'warning' = 'error',
    alsoReportedBy?: RbacProblem['alsoReportedBy'],
  ) =>
    problems.push({
      loaded,
      object: what,
      message,
      level,
      ...(path ? { path } : {}),
      ...(alsoReportedBy ? { alsoReportedBy } : {}),
    });
  if (!name) {
    problem(`${kind} has no metadata.name, so no binding can reference it`, ['metadata'], 'error', 'schema');
    return { problems };
  }
  const rules: RoleRule[] = [];
  const role: RbacRole = {
    kind,
    ...(namespace ? { namespace } : {}),
    name,
    labels: labelsOf(loaded),
    rules,
    loaded,
  };
  const rawRules = object.rules;
  if (rawRules !== undefined && rawRules !== null && !Array.isArray(rawRules))
    problem('rules must be a list; the role grants nothing', ['rules']);
  if (Array.isArray(rawRules))
    rawRules.forEach((raw, index) => {
      const read = readRule(raw, kind === 'Role');
      for (const p of read.problems)
        problem(
          `rule ${index} is invalid (${p.message}); it is left out`,
          ['rules', index, ...p.path],
          'error',
          p.schema ? 'schema' : undefined,
        );
      if (read.rule) rules.push({ rule: read.rule, role, index });
    });
  if (kind === 'ClusterRole' && object.aggregationRule !== undefined && object.aggregationRule !== null) {
    const selectors = isDict(object.aggregationRule)
      ? object.aggregationRule.clusterRoleSelectors
      : undefined;
    if (Array.isArray(selectors) && selectors.every(validSelector))
      (role as { aggregation?: LabelSelector[] }).aggregation = selectors as LabelSelector[];
    else if (selectors === undefined || selectors === null)
      (role as { aggregation?: LabelSelector[] }).aggregation = [];
    else
      problem('aggregationRule.clusterRoleSelectors must be a list of label selectors; aggregation ignored', [
        'aggregationRule',
      ]);
  }
  return { value: role, problems };
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

function validSelector(selector: unknown): boolean {
  if (!isDict(selector)) return false;
  const { matchLabels, matchExpressions } = selector;
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isDict(matchLabels) || !Object.values(matchLabels).every((v) => typeof v === 'string')) return false;
  }
  if (matchExpressions !== undefined && matchExpressions !== null) {
    if (!Array.isArray(matchExpressions)) return false;
    for (const e of matchExpressions) {
      if (!isDict(e) || typeof e.key !== 'string' || typeof e.operator !== 'string') return false;
      if (!OPERATORS.has(e.operator)) return false;
      const values = stringList(e.values);
      if (values === undefined) return false;
      if ((e.operator === 'In' || e.operator === 'NotIn') && values.length === 0) return false;
      if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && values.length > 0) return false;
    }
  }
  return true;
}

/** A label selector matches the role's labels (metav1.LabelSelectorAsSelector semantics; {} matches all). */
export function selects(selector: LabelSelector, role: RbacRole): boolean {
  return matchesSelector(selector, role.labels);
}

const SUBJECT_KINDS = new Set(['User', 'Group', 'ServiceAccount']);

/** A RoleBinding or ClusterRoleBinding; undefined value when it has no usable roleRef or name. */
export function readBinding(loaded: LoadedObject, order: number): ReadResult<RbacBinding> {
  const { object } = loaded;
  const kind = object.kind as BindingKind;
  const name = typeof object.metadata?.name === 'string' ? object.metadata.name : '';
  const namespace = kind === 'RoleBinding' ? namespaceOf(loaded) : undefined;
  const what = describeObject(kind, namespace, name);
  const problems: RbacProblem[] = [];
  const problem = (message: string, path?: Path, level: 'error' | 'warning' = 'error') =>
    problems.push({ loaded, object: what, message, level, ...(path ? { path } : {}) });
  if (!name) problem(`${kind} has no metadata.name`, ['metadata']);
  const ref = object.roleRef;
  if (!isDict(ref) || typeof ref.name !== 'string' || ref.name === '' || typeof ref.kind !== 'string') {
    problem('roleRef must name a kind and a role; the binding grants nothing', ['roleRef']);
    return { problems };
  }
  if (ref.kind !== 'Role' && ref.kind !== 'ClusterRole') {
    problem(
      `roleRef.kind "${ref.kind}" is not Role or ClusterRole (kinds are case-sensitive); the binding grants nothing`,
      ['roleRef', 'kind'],
    );
    return { problems };
  }
  if (kind === 'ClusterRoleBinding' && ref.kind === 'Role') {
    problem('a ClusterRoleBinding can only reference a ClusterRole; the binding grants nothing', [
      'roleRef',
      'kind',
    ]);
    return { problems };
  }
  if (ref.apiGroup !== RBAC_GROUP)
    problem(`roleRef.apiGroup must be "${RBAC_GROUP}"`, ['roleRef', 'apiGroup']);
  const subjects: RbacSubject[] = [];
  const raw = object.subjects;
  if (raw !== undefined && raw !== null && !Array.isArray(raw))
    problem('subjects must be a list; the binding grants nothing', ['subjects']);
  else if (!Array.isArray(raw) || raw.length === 0)
    problem('the binding has no subjects, so it grants nothing', ['subjects'], 'warning');
  if (Array.isArray(raw))
    raw.forEach((s, index) => {
      const path = ['subjects', index];
      if (!isDict(s) || typeof s.kind !== 'string' || typeof s.name !== 'string' || s.name === '') {
        problem(`subject ${index} needs a kind and a name; it is left out`, path);
        return;
      }
      if (!SUBJECT_KINDS.has(s.kind)) {
        problem(
          `subject ${index} has kind "${s.kind}": only User, Group and ServiceAccount (case-sensitive) match anyone`,
          [...path, 'kind'],
        );
        return;
      }
      const subjectNs = typeof s.namespace === 'string' && s.namespace !== '' ? s.namespace : undefined;
      if (s.kind === 'ServiceAccount') {
        if (typeof s.apiGroup === 'string' && s.apiGroup !== '')
          problem(`subject ${index}: a ServiceAccount subject's apiGroup must be ""`, [...path, 'apiGroup']);
        if (kind === 'ClusterRoleBinding' && !subjectNs) {
          problem(
            `subject ${index}: a ServiceAccount in a ClusterRoleBinding needs a namespace; it matches nobody`,
            [...path, 'namespace'],
          );
          return;
        }
      } else if (s.apiGroup !== RBAC_GROUP)
        problem(`subject ${index}: a ${s.kind} subject's apiGroup must be "${RBAC_GROUP}"`, [
          ...path,
          'apiGroup',
        ]);
      subjects.push({ kind: s.kind, name: s.name, ...(subjectNs ? { namespace: subjectNs } : {}), index });
    });
  const binding: RbacBinding = {
    kind,
    ...(namespace ? { namespace } : {}),
    name,
    roleRef: { kind: ref.kind, name: ref.name },
    subjects,
    loaded,
    order,
  };
  return { value: binding, problems };
}
