import type { AnyCheck } from '../../core/check.ts';
import { rbacBindingPodExecAttach } from './rbac-binding-pod-exec-attach.ts';
import { rbacClusterAdminBinding } from './rbac-cluster-admin-binding.ts';
import { rbacCreatePods } from './rbac-create-pods.ts';
import { rbacPodExecAttach } from './rbac-pod-exec-attach.ts';
import { rbacPrivilegeEscalationVerbs } from './rbac-privilege-escalation-verbs.ts';
import { rbacSecretsAccess } from './rbac-secrets-access.ts';
import { rbacWildcardRules } from './rbac-wildcard-rules.ts';

export const rbacChecks: AnyCheck[] = [
  rbacBindingPodExecAttach,
  rbacClusterAdminBinding,
  rbacCreatePods,
  rbacPodExecAttach,
  rbacPrivilegeEscalationVerbs,
  rbacSecretsAccess,
  rbacWildcardRules,
];
