// https://kubernetes.io/docs/reference/using-api/deprecation-guide/
import { defineCheck } from '../../core/check.ts';
import { apiStatus, deprecationOf, insteadOf } from '../../k8s/deprecations.ts';
import { targetVersion } from '../../schema/resolve.ts';

export const apiVersionRemoved = defineCheck({
  id: 'api-version-removed',
  title: 'apiVersion was removed from Kubernetes',
  severity: 'critical',
  category: 'upgrade',
  description:
    'Kubernetes stops serving deprecated API versions in a given release (extensions/v1beta1 Deployments in ' +
    '1.16, Ingress v1beta1 in 1.22, PodSecurityPolicy and CronJob batch/v1beta1 in 1.25, …). A manifest that ' +
    'still uses one cannot be applied to a cluster of that version or later, and a Helm upgrade that contains ' +
    'it fails. Checked against --kube-version, else the cluster in live mode, else the newest bundled version.',
  remediation:
    'Change apiVersion to the replacement named in the message and adapt the fields that changed (the migration ' +
    'guide lists them per kind); `kubectl convert` can rewrite a manifest.',
  docs: ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/'],
  appliesTo: 'all',
  peers: { pluto: ['removed'], 'kube-linter': ['no-extensions-v1beta'] },
  *check({ object }, { settings, index }) {
    const deprecation = deprecationOf(object.apiVersion, object.kind);
    if (!deprecation) return;
    const target = targetVersion(settings, index);
    if (apiStatus(deprecation, target) !== 'removed') return;
    yield {
      path: ['apiVersion'],
      message: `${object.apiVersion} ${object.kind} is not served since Kubernetes ${deprecation.removedIn} (target ${target})${insteadOf(deprecation)}`,
    };
  },
});
