// https://kubernetes.io/docs/concepts/security/rbac-good-practices/#csrs-and-certificate-issuing
import { defineCheck } from '../../core/check.ts';
import { CAPABILITIES, holds } from '../../k8s/rbac/capabilities.ts';
import { bindingGrant, capabilityIssue, DEFAULT_EXEMPT_BINDINGS } from './grant.ts';

export const rbacBindingCsrApproval = defineCheck<{ exemptBindings: string[] }>({
  id: 'rbac-binding-csr-approval',
  title: 'Binding lets subjects approve certificate signing requests',
  severity: 'critical',
  category: 'rbac',
  indexes: ['rbac:world'],
  description:
    'Updating certificatesigningrequests/approval together with the "approve" verb on signers lets a subject ' +
    'approve its own CSR: a client certificate with any user name and groups (O=system:masters is refused for ' +
    'the kube-apiserver-client signer, other admin groups are not). Reported on ClusterRoleBindings that grant ' +
    'both (CSRs and signers are cluster-scoped).',
  remediation:
    'Keep CSR approval with the controller-manager and a break-glass identity; remove it from the role.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#csrs-and-certificate-issuing',
    'https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization',
  ],
  appliesTo: ['ClusterRoleBinding'],
  params: { exemptBindings: DEFAULT_EXEMPT_BINDINGS },
  *check(loaded, context) {
    const grant = bindingGrant(loaded, context, context.params.exemptBindings);
    if (!grant || !holds(grant.rules, CAPABILITIES.signerApprove)) return;
    const issue = capabilityIssue(
      grant,
      CAPABILITIES.csrApproval,
      () => 'can approve certificate signing requests',
    );
    if (issue) yield issue;
  },
});
