// YAML builders for RBAC check tests: a binding, a role, and subjects, in namespace "dev" unless told.
export const SA_CI = '{kind: ServiceAccount, name: ci, namespace: dev}';
export const group = (name: string) => `{kind: Group, apiGroup: rbac.authorization.k8s.io, name: "${name}"}`;
export const user = (name: string) => `{kind: User, apiGroup: rbac.authorization.k8s.io, name: "${name}"}`;

export function binding(
  kind: 'RoleBinding' | 'ClusterRoleBinding',
  name: string,
  roleKind: 'Role' | 'ClusterRole',
  roleName: string,
  subjects: string[] = [SA_CI],
  namespace = 'dev',
): string {
  return `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: "${name}"${kind === 'RoleBinding' ? `, namespace: ${namespace}` : ''}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: "${roleName}"}
subjects: [${subjects.join(', ')}]
`;
}

export function role(
  kind: 'Role' | 'ClusterRole',
  name: string,
  rules: string[],
  metadata = '',
  namespace = 'dev',
): string {
  return `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: "${name}"${kind === 'Role' ? `, namespace: ${namespace}` : ''}${metadata}}
rules: [${rules.join(', ')}]
`;
}
