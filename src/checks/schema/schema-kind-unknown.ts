// https://kubernetes.io/docs/reference/using-api/#api-groups
import { defineCheck } from '../../core/check.ts';
import { validationOf } from '../../schema/resolve.ts';

export const schemaKindUnknown = defineCheck({
  id: 'schema-kind-unknown',
  title: 'apiVersion and kind are not served by the target Kubernetes version',
  severity: 'high',
  category: 'schema',
  indexes: ['schema:validations'],
  description:
    'The API server only accepts kinds it serves. A built-in API group that does not serve this kind at this ' +
    'apiVersion (a typo in the kind, a made-up version, an alpha API that is gone), or a custom resource whose ' +
    'CustomResourceDefinition does not serve the version, is rejected. A custom resource with no ' +
    'CustomResourceDefinition in the input cannot be validated: that is reported as info, since the CRD may ' +
    'be installed separately. APIs removed by a Kubernetes release are reported by api-version-removed instead.',
  remediation:
    'Fix the apiVersion or kind (`kubectl api-resources` lists what a cluster serves). For a custom resource, ' +
    'pass its CRD with --crds so it is validated too.',
  docs: [
    'https://kubernetes.io/docs/reference/using-api/#api-groups',
    'https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/',
  ],
  appliesTo: 'all',
  peers: { kubeconform: ['could not find schema'] },
  *check(loaded, context) {
    const result = validationOf(loaded, context);
    if (result.status !== 'no-schema') return;
    const { apiVersion, kind } = loaded.object;
    switch (result.reason) {
      case 'unknown-builtin':
        yield { path: ['kind'], message: `${apiVersion} ${kind} is not a known kind: ${result.detail}` };
        return;
      case 'crd-version':
        yield { path: ['apiVersion'], message: `${apiVersion} ${kind} is not served: ${result.detail}` };
        return;
      case 'custom-resource':
        yield {
          path: ['apiVersion'],
          severity: 'info',
          message: `${apiVersion} ${kind} was not validated: ${result.detail}`,
        };
        return;
      default:
        // removed: api-version-removed reports it; not-bundled: served by the target, nothing to say.
        return;
    }
  },
});
