// https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/
import { defineCheck } from '../../core/check.ts';
import { reviewedThroughOwner } from '../../k8s/replicas.ts';
import { APP_KINDS } from './_key-rules.ts';

export const namespaceDefault = defineCheck({
  id: 'namespace-default',
  title: 'Object is placed in the default namespace',
  severity: 'low',
  category: 'configuration',
  description:
    'The default namespace is where everything lands by accident. Applications there share one set of ' +
    'RBAC bindings, quotas, LimitRanges and NetworkPolicies, and are easy to delete or overwrite by mistake. ' +
    'Only an explicit namespace: default is reported: an unset namespace is filled in at apply time (kubectl ' +
    '-n, Helm --namespace, Kustomize namespace), which a manifest cannot show. Off by default.',
  remediation:
    'Deploy the application into its own namespace (metadata.namespace or the deploy tool’s namespace).',
  docs: [
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#when-to-use-multiple-namespaces',
  ],
  appliesTo: APP_KINDS,
  enabledByDefault: false,
  peers: { 'kube-linter': ['use-namespace'] },
  *check({ object, ref }, { index }) {
    if (reviewedThroughOwner(index, object) || ref.namespace !== 'default') return;
    yield {
      path: ['metadata', 'namespace'],
      message: `${ref.kind} "${ref.name}" is in the default namespace`,
    };
  },
});
