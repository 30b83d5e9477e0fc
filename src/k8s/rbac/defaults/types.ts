// The shape of one Kubernetes minor's recorded defaults (scripts/record-rbac-defaults.ts writes them).
import type { LabelSelector } from '../../labels.ts';

export interface RecordedRole {
  name: string;
  namespace?: string;
  /** Labels besides kubernetes.io/bootstrapping=rbac-defaults (the aggregate-to-* ones matter). */
  labels?: Record<string, string>;
  /** aggregationRule.clusterRoleSelectors; the rules are then computed, not recorded. */
  aggregate?: LabelSelector[];
  /** "verbs|apiGroups|resources|resourceNames|nonResourceURLs", each comma-separated, '' for the core group. */
  rules: string[];
}

export interface RecordedBinding {
  name: string;
  namespace?: string;
  /** "ClusterRole:name" or "Role:name" */
  role: string;
  /** "User:name", "Group:name", "ServiceAccount:namespace/name" */
  subjects: string[];
}

export interface RecordedDefaults {
  clusterRoles: RecordedRole[];
  roles: RecordedRole[];
  clusterRoleBindings: RecordedBinding[];
  roleBindings: RecordedBinding[];
  /** "group|plural|Kind|ns or cluster|short names|subresources" */
  apiResources: string[];
}
