// https://kubernetes.io/docs/concepts/security/rbac-good-practices/#control-admission-webhooks
import { defineCheck } from '../../core/check.ts';
import { CAPABILITIES } from '../../k8s/rbac/capabilities.ts';
import { bindingGrant, capabilityIssue, DEFAULT_EXEMPT_BINDINGS } from './grant.ts';

export const rbacBindingAdmissionWrite = defineCheck<{ exemptBindings: string[] }>({
  id: 'rbac-binding-admission-write',
  title: 'Binding lets subjects change admission control',
  severity: 'critical',
  category: 'rbac',
  indexes: ['rbac:world'],
  description:
    'Writing MutatingWebhookConfigurations or MutatingAdmissionPolicies lets a subject read and rewrite every ' +
    'object the API server admits (inject containers, swap images); writing the validating kinds lets it switch ' +
    'off the guardrails (Pod Security webhooks, policy engines). Critical for mutating, high for validating only. ' +
    'They are cluster-scoped: only ClusterRoleBindings grant them.',
  remediation:
    'Leave admission configuration to the cluster administrators and the controller that owns each webhook; ' +
    'grant a controller write on its own configuration only, by resourceNames.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#control-admission-webhooks',
    'https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/',
  ],
  appliesTo: ['ClusterRoleBinding'],
  params: { exemptBindings: DEFAULT_EXEMPT_BINDINGS },
  *check(loaded, context) {
    const grant = bindingGrant(loaded, context, context.params.exemptBindings);
    if (!grant) return;
    const describe = (verbs: string[], resources: string[]) =>
      `can ${verbs.join('/')} ${resources.map((r) => r.split('.')[0]).join(', ')}`;
    const mutating = capabilityIssue(grant, CAPABILITIES.mutatingAdmission, (h) =>
      describe(h.verbs, h.resources),
    );
    if (mutating) {
      yield mutating;
      return;
    }
    const validating = capabilityIssue(
      grant,
      CAPABILITIES.validatingAdmission,
      (h) => describe(h.verbs, h.resources),
      -1,
    );
    if (validating) yield validating;
  },
});
