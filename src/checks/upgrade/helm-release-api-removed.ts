// https://helm.sh/docs/topics/kubernetes_apis/
import { defineCheck } from '../../core/check.ts';
import { apiStatus, deprecationOf, insteadOf } from '../../k8s/deprecations.ts';
import { decodeHelmRelease, isHelmReleaseSecret } from '../../k8s/helm-release.ts';
import { upgradeTarget } from './upgrade-target.ts';

export const helmReleaseApiRemoved = defineCheck({
  id: 'helm-release-api-removed',
  title: 'Deployed Helm release contains API versions the target release removes',
  severity: 'critical',
  category: 'upgrade',
  description:
    'Helm compares the next upgrade against the manifest stored in the release. If that manifest holds an ' +
    'apiVersion the cluster no longer serves, `helm upgrade` and `helm rollback` fail ("unable to build ' +
    'kubernetes objects from current release manifest") even after the chart itself is fixed.',
  remediation:
    'Upgrade the release to a chart version that uses the new apiVersions before the cluster upgrade; for ' +
    'releases already stuck, rewrite the stored manifest with the helm-mapkubeapis plugin.',
  docs: ['https://helm.sh/docs/topics/kubernetes_apis/'],
  appliesTo: ['Secret'],
  isActive: (settings) => upgradeTarget(settings) !== undefined,
  *check(secret, { settings }) {
    const target = upgradeTarget(settings);
    if (!target || !isHelmReleaseSecret(secret.object)) return;
    let release: ReturnType<typeof decodeHelmRelease>;
    try {
      release = decodeHelmRelease(secret.object);
    } catch (error) {
      yield {
        path: ['data', 'release'],
        message: `Helm release Secret "${secret.ref.name}" cannot be read: ${(error as Error).message}`,
        severity: 'medium',
      };
      return;
    }
    // Superseded revisions are history; only what is deployed (or failed last) matters for the next upgrade.
    if (release.status === 'superseded') return;
    for (const resource of release.resources) {
      const deprecation = deprecationOf(resource.apiVersion, resource.kind);
      if (!deprecation || apiStatus(deprecation, target) !== 'removed') continue;
      yield {
        path: ['data', 'release'],
        message: `Helm release "${release.name}" (revision ${release.version}${release.chart ? `, chart ${release.chart}` : ''}) contains ${resource.apiVersion} ${resource.kind}${resource.name ? ` "${resource.name}"` : ''}, removed in ${deprecation.removedIn}${deprecation.replacement ? insteadOf(deprecation, false) : ''}`,
        cause: {
          key: `helm/${release.namespace}/${release.name}`,
          summary: `Helm release ${release.namespace}/${release.name} will fail to upgrade after ${target}`,
        },
      };
    }
  },
});
