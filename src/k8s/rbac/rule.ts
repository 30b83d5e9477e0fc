// What one RBAC PolicyRule allows, exactly as the API server's RBAC authorizer decides it.
// Restated from kubernetes plugin/pkg/auth/authorizer/rbac/rbac.go (RuleAllows) and
// pkg/apis/rbac/v1/evaluation_helpers.go (VerbMatches, APIGroupMatches, ResourceMatches, ResourceNameMatches,
// NonResourceURLMatches), v1.34; docs/decisions/0051-rbac-evaluator.md.

export interface PolicyRule {
  readonly verbs: readonly string[];
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
  readonly nonResourceURLs: readonly string[];
}

/** A request on an API object (authorizer.Attributes with IsResourceRequest() true). */
export interface ResourceRequest {
  readonly resourceRequest: true;
  readonly verb: string;
  /** "" for cluster-scoped requests and for requests across all namespaces (kubectl get -A). */
  readonly namespace: string;
  /** "" is the core group. */
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource: string;
  /** "" when the request names no object (create, list, watch, deletecollection). */
  readonly name: string;
}

/** A request on a URL that is not an API object: /healthz, /metrics, /version, /openapi/v3 … */
export interface NonResourceRequest {
  readonly resourceRequest: false;
  /** The lower-cased HTTP method: get, post, put, patch, delete, head. */
  readonly verb: string;
  readonly path: string;
}

export type RequestAttributes = ResourceRequest | NonResourceRequest;

export const ALL = '*';

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  for (const v of rule.verbs) if (v === ALL || v === verb) return true;
  return false;
}

/** "" is the core group; "core" is not a group name and matches nothing built in. */
export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  for (const g of rule.apiGroups) if (g === ALL || g === group) return true;
  return false;
}

/**
 * "*" matches every resource and every subresource; "pods/exec" only itself; "*\/exec" the exec subresource of
 * any resource. "pods/*" and "*\/*" are literal strings, not patterns.
 */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources) {
    if (r === ALL || r === combined) return true;
    if (
      subresource !== '' &&
      r.length === subresource.length + 2 &&
      r.startsWith('*/') &&
      r.endsWith(subresource)
    )
      return true;
  }
  return false;
}

/** No resourceNames: any name (or none). Otherwise the request's name must be listed, literally ("" included). */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  if (rule.resourceNames.length === 0) return true;
  return rule.resourceNames.includes(name);
}

/** "*" or the exact path, or a plain prefix for an entry ending in "*" (no segment boundary: "/api*" matches "/apis"). */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs) {
    if (u === ALL || u === path) return true;
    if (u.endsWith(ALL) && path.startsWith(trimTrailingStars(u))) return true;
  }
  return false;
}

export function trimTrailingStars(value: string): string {
  let end = value.length;
  while (end > 0 && value[end - 1] === ALL) end--;
  return value.slice(0, end);
}

export function combinedResource(resource: string, subresource: string): string {
  return subresource === '' ? resource : `${resource}/${subresource}`;
}

export function ruleAllows(rule: PolicyRule, request: RequestAttributes): boolean {
  if (!request.resourceRequest)
    return verbMatches(rule, request.verb) && nonResourceURLMatches(rule, request.path);
  return (
    verbMatches(rule, request.verb) &&
    apiGroupMatches(rule, request.apiGroup) &&
    resourceMatches(rule, combinedResource(request.resource, request.subresource), request.subresource) &&
    resourceNameMatches(rule, request.name)
  );
}

export function resourceRequest(
  fields: Partial<Omit<ResourceRequest, 'resourceRequest'>> & { verb: string },
): ResourceRequest {
  return {
    resourceRequest: true,
    namespace: '',
    apiGroup: '',
    resource: '',
    subresource: '',
    name: '',
    ...fields,
  };
}

export function nonResourceRequest(verb: string, path: string): NonResourceRequest {
  return { resourceRequest: false, verb, path };
}

/** Two rules the aggregation controller would treat as one (equality.Semantic: a missing list equals an empty one). */
export function sameRule(a: PolicyRule, b: PolicyRule): boolean {
  return (
    sameList(a.verbs, b.verbs) &&
    sameList(a.apiGroups, b.apiGroups) &&
    sameList(a.resources, b.resources) &&
    sameList(a.resourceNames, b.resourceNames) &&
    sameList(a.nonResourceURLs, b.nonResourceURLs)
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A stable text key for a rule (same content, same key). */
export function ruleKey(rule: PolicyRule): string {
  return JSON.stringify([
    rule.verbs,
    rule.apiGroups,
    rule.resources,
    rule.resourceNames,
    rule.nonResourceURLs,
  ]);
}

/** `get,list pods,pods/log ("")` / `get /healthz` for messages. */
export function describeRule(rule: PolicyRule): string {
  if (rule.nonResourceURLs.length > 0) return `${rule.verbs.join(',')} ${rule.nonResourceURLs.join(',')}`;
  const groups = rule.apiGroups.map((g) => (g === '' ? '""' : g)).join(',');
  const names = rule.resourceNames.length > 0 ? ` names ${rule.resourceNames.join(',')}` : '';
  return `${rule.verbs.join(',')} ${rule.resources.join(',')} (${groups})${names}`;
}
