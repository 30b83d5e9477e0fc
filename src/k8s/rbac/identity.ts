// Who is asking: a user name and its groups, as authenticators hand them to the authorizer.
// Restated from kubernetes/apiserver pkg/authentication/user/user.go and serviceaccount/util.go: a
// ServiceAccount is the user system:serviceaccount:<ns>:<name> in groups system:serviceaccounts,
// system:serviceaccounts:<ns> and system:authenticated; every authenticated user is in system:authenticated;
// the anonymous user is system:anonymous in system:unauthenticated; system:masters bypasses authorization.

export const ALL_AUTHENTICATED = 'system:authenticated';
export const ALL_UNAUTHENTICATED = 'system:unauthenticated';
export const ANONYMOUS = 'system:anonymous';
export const MASTERS = 'system:masters';
export const ALL_SERVICE_ACCOUNTS = 'system:serviceaccounts';
const SA_PREFIX = 'system:serviceaccount:';

export interface UserInfo {
  readonly name: string;
  readonly groups: readonly string[];
}

export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SA_PREFIX}${namespace}:${name}`;
}

export function serviceAccountGroups(namespace: string): string[] {
  return [ALL_SERVICE_ACCOUNTS, `${ALL_SERVICE_ACCOUNTS}:${namespace}`, ALL_AUTHENTICATED];
}

export function serviceAccountUser(namespace: string, name: string): UserInfo {
  return { name: serviceAccountUsername(namespace, name), groups: serviceAccountGroups(namespace) };
}

/** The namespace and name in a ServiceAccount user name, or undefined for other users. */
export function parseServiceAccountUsername(
  username: string,
): { namespace: string; name: string } | undefined {
  if (!username.startsWith(SA_PREFIX)) return undefined;
  const rest = username.slice(SA_PREFIX.length);
  const colon = rest.indexOf(':');
  if (colon <= 0 || colon === rest.length - 1 || rest.indexOf(':', colon + 1) !== -1) return undefined;
  return { namespace: rest.slice(0, colon), name: rest.slice(colon + 1) };
}

/**
 * The identity a user name stands for once authenticated, with the groups every authenticator adds: a
 * ServiceAccount's three groups, system:unauthenticated for the anonymous user, system:authenticated for the rest.
 * `groups` are the extra groups the identity provider asserts (they are not in the API; the caller says them).
 */
export function userIdentity(username: string, groups: readonly string[] = []): UserInfo {
  const all = [...groups];
  const sa = parseServiceAccountUsername(username);
  if (sa) for (const g of serviceAccountGroups(sa.namespace)) all.push(g);
  else if (username === ANONYMOUS) all.push(ALL_UNAUTHENTICATED);
  else all.push(ALL_AUTHENTICATED);
  return { name: username, groups: [...new Set(all)] };
}

/** Every member of a group (and so an authenticated user, unless the group is system:unauthenticated). */
export function groupIdentity(group: string): UserInfo {
  const groups = group === ALL_UNAUTHENTICATED ? [group] : [...new Set([group, ALL_AUTHENTICATED])];
  return { name: '', groups };
}

/** The groups an identity has only because of who it is (not asserted by an identity provider). */
export function isImplicitGroup(group: string): boolean {
  return (
    group === ALL_AUTHENTICATED || group === ALL_UNAUTHENTICATED || group.startsWith(ALL_SERVICE_ACCOUNTS)
  );
}

export interface ParsedSubject {
  kind: 'User' | 'Group' | 'ServiceAccount';
  name: string;
  namespace?: string;
}

/**
 * A subject as typed on the command line: `alice`, `User:alice`, `Group:devs`, `ServiceAccount:ns/name`,
 * `sa:ns/name`, or the ServiceAccount user name `system:serviceaccount:ns:name`. Kind prefixes ignore case.
 */
export function parseSubject(text: string): ParsedSubject | { error: string } {
  const match = /^(user|group|serviceaccount|sa):(.*)$/i.exec(text);
  if (!match) {
    if (text === '') return { error: 'empty subject' };
    const sa = parseServiceAccountUsername(text);
    if (sa) return { kind: 'ServiceAccount', ...sa };
    return { kind: 'User', name: text };
  }
  const kind = match[1]!.toLowerCase();
  const rest = match[2]!;
  if (rest === '') return { error: `"${text}" names no ${kind}` };
  if (kind === 'user') return { kind: 'User', name: rest };
  if (kind === 'group') return { kind: 'Group', name: rest };
  const parts = rest.split(/[/:]/);
  if (parts.length !== 2 || !parts[0] || !parts[1])
    return { error: `"${text}": a ServiceAccount is written ServiceAccount:NAMESPACE/NAME` };
  return { kind: 'ServiceAccount', namespace: parts[0], name: parts[1] };
}

export function identityOf(subject: ParsedSubject, extraGroups: readonly string[] = []): UserInfo {
  if (subject.kind === 'ServiceAccount')
    return userIdentity(serviceAccountUsername(subject.namespace!, subject.name), extraGroups);
  if (subject.kind === 'User') return userIdentity(subject.name, extraGroups);
  const base = groupIdentity(subject.name);
  return { name: '', groups: [...new Set([...base.groups, ...extraGroups])] };
}
