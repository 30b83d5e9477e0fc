// https://kubernetes.io/docs/reference/using-api/deprecation-policy/
import { defineCheck } from '../../core/check.ts';
import { groupOf } from '../../core/object.ts';
import { apiStatus, compareVersions, deprecationOf, insteadOf } from '../../k8s/deprecations.ts';
import { crdsOf } from '../../schema/crds.ts';
import { targetVersion } from '../../schema/resolve.ts';

export const apiVersionDeprecated = defineCheck({
  id: 'api-version-deprecated',
  title: 'apiVersion is deprecated and will be removed',
  severity: 'medium',
  category: 'upgrade',
  indexes: ['schema:crds'],
  description:
    'The target Kubernetes version still serves this API version but has deprecated it: a later release removes ' +
    'it and manifests using it will then fail to apply. Migrating now, while both versions are served, is ' +
    'free of downtime. Also reported for custom resource versions that their CRD marks deprecated (low).',
  remediation:
    'Change apiVersion to the replacement named in the message (it is already served by the target version) and ' +
    'adapt the fields that changed.',
  docs: [
    'https://kubernetes.io/docs/reference/using-api/deprecation-guide/',
    'https://kubernetes.io/docs/reference/using-api/deprecation-policy/',
  ],
  appliesTo: 'all',
  peers: { pluto: ['deprecated'] },
  *check({ object }, { settings, index }) {
    const deprecation = deprecationOf(object.apiVersion, object.kind);
    if (deprecation) {
      const target = targetVersion(settings, index);
      if (apiStatus(deprecation, target) !== 'deprecated') return;
      const replacementServed =
        deprecation.replacement &&
        (!deprecation.replacementAvailableIn ||
          compareVersions(target, deprecation.replacementAvailableIn) >= 0);
      const removal = deprecation.removedIn ? ` and removed in ${deprecation.removedIn}` : '';
      yield {
        path: ['apiVersion'],
        message: `${object.apiVersion} ${object.kind} is deprecated since Kubernetes ${deprecation.deprecatedIn}${removal} (target ${target})${insteadOf(deprecation, replacementServed ? false : 'from')}`,
        ...(replacementServed || !deprecation.replacement ? {} : { severity: 'low' as const }),
      };
      return;
    }
    const crd = crdsOf(index).get(`${groupOf(object.apiVersion)}/${object.kind}`);
    const version = crd?.versions.find((v) => `${crd.group}/${v.name}` === object.apiVersion);
    if (crd && version?.deprecated) {
      yield {
        path: ['apiVersion'],
        severity: 'low',
        message: `${object.apiVersion} ${object.kind} is deprecated by CustomResourceDefinition "${crd.name}"${
          version.deprecationWarning ? `: ${version.deprecationWarning}` : ''
        }`,
      };
    }
  },
});
