// https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets
import { defineCheck } from '../../core/check.ts';
import { BINDING_KINDS, bindingView, DEFAULT_EXEMPT_BINDINGS, grantedVerbs } from '../../k8s/rbac.ts';

const READ_VERBS = ['get', 'list', 'watch'];

export const rbacSecretsAccess = defineCheck<{ exemptBindings: string[] }>({
  id: 'rbac-secrets-access',
  title: 'Binding gives subjects read access to Secrets',
  severity: 'medium',
  category: 'rbac',
  description:
    'get, list or watch on secrets (core API group, or "*") returns Secret contents: list and watch return every ' +
    'Secret of the scope, ServiceAccount tokens and TLS keys included (CIS 5.1.2). Reported on the binding, since ' +
    'that is what gives the access to someone; rules restricted with resourceNames are not reported (that is the ' +
    'recommended narrow form). The defaults cluster-admin, admin and edit read Secrets and are known without ' +
    'being in the input. Off by default: controllers often need it.',
  remediation:
    'Remove secrets from the role, or restrict the rule to `get` with `resourceNames` listing the Secrets the ' +
    'subject needs.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets',
    'https://kubernetes.io/docs/concepts/configuration/secret/#information-security-for-secrets',
  ],
  appliesTo: BINDING_KINDS,
  enabledByDefault: false,
  params: { exemptBindings: DEFAULT_EXEMPT_BINDINGS },
  peers: { 'kube-linter': ['access-to-secrets'] },
  *check(loaded, { index, params }) {
    const { object, ref } = loaded;
    const view = bindingView(index, loaded, params.exemptBindings);
    if (!view) return;
    const { target, role, subjects } = view;
    if (target.builtIn?.readSecrets) {
      yield {
        path: ['roleRef', 'name'],
        message: `${object.kind} "${ref.name}" binds default ${role}, which reads Secrets, to ${subjects}`,
      };
      return;
    }
    const verbs = new Set<string>();
    for (const { rules } of target.sources)
      for (const rule of rules)
        if (rule.resourceNames.length === 0)
          for (const v of grantedVerbs(rule, '', 'secrets', READ_VERBS)) verbs.add(v);
    if (verbs.size === 0) return;
    yield {
      path: ['roleRef', 'name'],
      message: `${object.kind} "${ref.name}" binds ${role}, which can ${[...verbs].join('/')} Secrets, to ${subjects}`,
    };
  },
});
