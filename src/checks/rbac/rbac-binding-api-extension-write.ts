// https://kubernetes.io/docs/concepts/extend-kubernetes/api-extension/apiserver-aggregation/
import { defineCheck } from '../../core/check.ts';
import { CAPABILITIES } from '../../k8s/rbac/capabilities.ts';
import { bindingGrant, capabilityIssue, DEFAULT_EXEMPT_BINDINGS } from './grant.ts';

export const rbacBindingApiExtensionWrite = defineCheck<{ exemptBindings: string[] }>({
  id: 'rbac-binding-api-extension-write',
  title: 'Binding lets subjects change CustomResourceDefinitions or APIServices',
  severity: 'high',
  category: 'rbac',
  indexes: ['rbac:world'],
  description:
    'Writing an APIService routes a whole API group to a server of the subject’s choosing (it then answers, and ' +
    'sees, every request for it); writing CustomResourceDefinitions changes or deletes every custom resource of a ' +
    'kind and can point conversion webhooks elsewhere. Cluster-scoped: only ClusterRoleBindings grant them.',
  remediation:
    'Let CRDs and APIServices be installed by the platform pipeline; give operators write on their own CRDs ' +
    'only, by resourceNames.',
  docs: [
    'https://kubernetes.io/docs/concepts/extend-kubernetes/api-extension/apiserver-aggregation/',
    'https://kubernetes.io/docs/concepts/extend-kubernetes/api-extension/custom-resources/',
  ],
  appliesTo: ['ClusterRoleBinding'],
  params: { exemptBindings: DEFAULT_EXEMPT_BINDINGS },
  *check(loaded, context) {
    const grant = bindingGrant(loaded, context, context.params.exemptBindings);
    if (!grant) return;
    const issue = capabilityIssue(
      grant,
      CAPABILITIES.apiExtension,
      (h) => `can ${h.verbs.join('/')} ${h.resources.map((r) => r.split('.')[0]).join(', ')}`,
    );
    if (issue) yield issue;
  },
});
