import type { AnyCheck } from '../../core/check.ts';
import { rbacAggregationToDefaultRole } from './rbac-aggregation-to-default-role.ts';
import { rbacBindingAdmissionWrite } from './rbac-binding-admission-write.ts';
import { rbacBindingApiExtensionWrite } from './rbac-binding-api-extension-write.ts';
import { rbacBindingCsrApproval } from './rbac-binding-csr-approval.ts';
import { rbacBindingNodesProxy } from './rbac-binding-nodes-proxy.ts';
import { rbacBindingPodExecAttach } from './rbac-binding-pod-exec-attach.ts';
import { rbacBindingPrivilegeEscalation } from './rbac-binding-privilege-escalation.ts';
import { rbacBindingTokenRequest } from './rbac-binding-token-request.ts';
import { rbacBroadGroupBinding } from './rbac-broad-group-binding.ts';
import { rbacClusterAdminBinding } from './rbac-cluster-admin-binding.ts';
import { rbacCreatePods } from './rbac-create-pods.ts';
import { rbacDefaultServiceaccountBound } from './rbac-default-serviceaccount-bound.ts';
import { rbacNamespaceFullAccess } from './rbac-namespace-full-access.ts';
import { rbacObjectInvalid } from './rbac-object-invalid.ts';
import { rbacPodExecAttach } from './rbac-pod-exec-attach.ts';
import { rbacPrivilegeEscalationVerbs } from './rbac-privilege-escalation-verbs.ts';
import { rbacSecretsAccess } from './rbac-secrets-access.ts';
import { rbacWildcardRules } from './rbac-wildcard-rules.ts';

export const rbacChecks: AnyCheck[] = [
  rbacAggregationToDefaultRole,
  rbacBindingAdmissionWrite,
  rbacBindingApiExtensionWrite,
  rbacBindingCsrApproval,
  rbacBindingNodesProxy,
  rbacBindingPrivilegeEscalation,
  rbacBindingTokenRequest,
  rbacBroadGroupBinding,
  rbacDefaultServiceaccountBound,
  rbacObjectInvalid,
  rbacBindingPodExecAttach,
  rbacClusterAdminBinding,
  rbacCreatePods,
  rbacNamespaceFullAccess,
  rbacPodExecAttach,
  rbacPrivilegeEscalationVerbs,
  rbacSecretsAccess,
  rbacWildcardRules,
];
